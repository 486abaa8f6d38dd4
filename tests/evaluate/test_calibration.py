import pytest

from pipeline.evaluate.calibration import calibrate, decile_groups, format_calibration


def test_deciles_have_equal_sizes_and_never_split_a_confidence_value():
    pairs = [(i / 100, i % 3 == 0) for i in range(100)]
    assert [len(g) for g in decile_groups(pairs)] == [10] * 10
    tied = [(0.5, True)] * 30 + [(0.9, False)] * 10
    groups = decile_groups(tied)
    assert [len(g) for g in groups] == [30, 10]
    assert all(len({c for c, _ in g}) == 1 for g in groups)


def test_a_calibrated_model_has_no_calibration_error_and_thresholds_keep_the_upper_deciles():
    # in the low half 1 of 5 is right at confidence 0.2, in the high half 4 of 5 at 0.8
    pairs = [(0.2, i == 0) for i in range(5)] + [(0.8, i != 0) for i in range(5)]
    calibration = calibrate(pairs)
    assert [b.items for b in calibration.bins] == [5, 5]
    assert [b.precision for b in calibration.bins] == [0.2, 0.8]
    assert calibration.expected_calibration_error == 0.0
    low, high = calibration.bins
    assert (low.kept_share, low.kept_precision) == (1.0, 0.5)
    assert (high.lower, high.kept_share, high.kept_precision) == (0.8, 0.5, 0.8)


def test_overconfidence_shows_as_calibration_error():
    calibration = calibrate([(0.9, False)] * 9 + [(0.9, True)])
    assert calibration.expected_calibration_error == pytest.approx(0.8)
    assert "0.900-0.900" in format_calibration(calibration, "type matches")
    assert calibrate([]).bins == ()
