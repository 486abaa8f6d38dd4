"""Pure-text normalizers: event dates and fatality counts resolved from article text."""
