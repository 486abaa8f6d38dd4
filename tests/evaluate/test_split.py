from pipeline.evaluate.split import in_split, split_of


def test_split_is_fixed_by_the_row_id_and_halves_the_rows():
    ids = [f"SYR{n}" for n in range(2000)]
    tune = in_split(ids, "tune", str)
    report = in_split(ids, "report", str)
    assert sorted(tune + report) == sorted(ids) and not set(tune) & set(report)
    assert 900 < len(tune) < 1100
    assert [split_of(i) for i in ids[:50]] == [split_of(i) for i in ids[:50]]
    assert in_split(ids, "all", str) == ids


def test_unknown_split_is_an_error():
    import pytest

    with pytest.raises(ValueError, match="unknown split"):
        in_split(["a"], "dev", str)
