# Short dates suit phone screens: the year is almost always the current one.
MONTH_DAY_FORMAT = "M j"  # Feb 20
SHORT_DATETIME_FORMAT = "M j, H:i"  # Feb 20, 08:30
