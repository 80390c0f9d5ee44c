"""Front-matter dates: ISO dates in, Pelican's SafeDatetime out."""

import calendar
import datetime

from pelican.utils import SafeDatetime


def parse_date(value):
    """Accept what YAML gives for an ISO date, or an ISO string; else ValueError."""
    if isinstance(value, datetime.datetime):
        return SafeDatetime(*value.timetuple()[:6], tzinfo=value.tzinfo)
    if isinstance(value, datetime.date):
        return SafeDatetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return parse_date(datetime.datetime.fromisoformat(value.strip()))
    raise ValueError(value)


def add_months(moment, months):
    """Calendar months, clamping the day: 31 January + 1 month is 28/29 February."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
