"""Places the gazetteer lacks, coded as ACLED codes them: the name as written, the unit that holds it."""

from __future__ import annotations

import math

from pipeline.places.names import name_key


def test_unknown_village_in_a_named_unit_takes_the_unit(locate):
    place = locate("Gunmen killed two herders in the village of Zongoweoka in Soum province on Monday.")
    assert place.country == "Burkina Faso" and name_key(place.admin1) == name_key("Sahel")
    assert place.location == "Zongoweoka" and place.geo_precision == 2 and place.latitude is not None


def test_unknown_village_with_only_the_country_keeps_the_name(locate):
    place = locate("Soldiers clashed with jihadists near Tenkolgo, northern Burkina Faso, on Monday.")
    assert place.country == "Burkina Faso" and place.location == "Tenkolgo"


def test_near_a_known_district_town_is_precision_2_at_that_district(locate, resolver):
    place = locate("Fighting near Afmadow killed three soldiers on Monday.")
    assert place.country == "Somalia" and place.location == "Afmadow" and place.geo_precision == 2
    district = next(c for c in resolver.gazetteer.lookup("Afmadow") if c.kind == "admin2")
    assert math.isclose(place.latitude, district.latitude) and math.isclose(place.longitude, district.longitude)
