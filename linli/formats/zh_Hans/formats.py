# Short dates suit phone screens: the year is almost always the current one.
MONTH_DAY_FORMAT = "n月j日"  # 2月20日
SHORT_DATETIME_FORMAT = "n月j日 H:i"  # 2月20日 08:30
