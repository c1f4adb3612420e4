"""A missing year in a series is a gap in a chart line, never a straight bridge."""

from desktop.domain.resolved import year_runs


def test_a_missing_year_cuts_the_series_into_runs():
    points = [(2018, 120.0), (2019, 132.0), (2020, 140.0), (2021, 168.0), (2022, 210.0),
              (2024, 270.0), (2025, 270.0)]  # 2023 missing
    assert year_runs(points) == [points[:5], points[5:]]


def test_an_unbroken_series_is_one_run_and_order_does_not_matter():
    assert year_runs([(2021, 2.0), (2020, 1.0)]) == [[(2020, 1.0), (2021, 2.0)]]
    assert year_runs([]) == []
    assert year_runs([(2000, 1.0), (2010, 2.0)]) == [[(2000, 1.0)], [(2010, 2.0)]]
