"""The phrase shapes of due times, each with its handler, compiled once."""

from __future__ import annotations

import re
from functools import cache

from bot.domain import named_days
from bot.domain.due_times.clocks import (
    IMPOSSIBLE_CLOCK,
    clock_24h,
    clock_ampm,
    clock_bare,
    clock_h,
    clock_half,
    clock_half_day,
    clock_military,
    clock_past,
    clock_range,
    clock_spoken,
    clock_word,
    clock_words,
    impossible_clock,
)
from bot.domain.due_times.days import (
    after_fraction,
    day_after,
    day_beside_named,
    day_called,
    day_dotted,
    day_from_day,
    day_iso,
    day_long_weekend,
    day_month_name,
    day_month_only,
    day_named,
    day_nth_of_month,
    day_numeric,
    day_of_month,
    day_period,
    day_period_end,
    day_today,
    day_weekday,
    said_past,
)
from bot.domain.due_times.times import Handler
from bot.domain.due_times.words import (
    ANY_CASE,
    BIZ,
    DAY,
    HOUR_WORD,
    MONTH,
    MONTH_FULL,
    NUM,
    ORD_WORD,
    UNIT,
    WEEKDAY,
)

# After a month's name, a day of it: "by June 26" is that day, not June (nor June 2026).
_NO_DAY_AFTER = rf"(?!\s*(?:the\s+)?(?:[0-3]?\d(?!\d)|(?:{ORD_WORD})\b))"
_DAY_AFTER_ORDINAL = (  # words that may follow "the 3rd" when it is a date, not "the 3rd time"
    r"(?=\s*(?:$|[.,;:!?)\]]|\d|(?:at|by|in|on|and|or|then|so|please|eod|eow|cob|morning"
    r"|afternoon|evening|noon|latest|first|next|this|if|when|but|is|works?|ok|@)\b))"
)


# The words that put a named day as a deadline: "before" (and kin) the day before it.
# ("off for CNY", "out for Christmas" are days off, not deadlines)
_NAMED_RELATION = (
    r"(?P<rel>before|ahead\s+of|prior\s+to|after)|by|on|until|till"
    r"|(?<!off\s)(?<!out\s)(?<!away\s)(?<!closed\s)(?<!leave\s)for"
)
_NAMED_DAY_AS_NOUN = (
    r"(?:party|parties|lunch|dinner|do|shopping|cards?|trees?|sales?|rush"
    r"|period|week|freeze|campaign|release|edition|special)\b"
)
# The days off around a named day: "before the Easter break", "the MLK long weekend".
_DAYS_OFF = r"(?P<off>\s+(?:long\s+)?(?:week-?end|break|holidays?|shutdown|closure)\b)?"


@cache
def phrase_shapes() -> tuple[tuple[re.Pattern[str], Handler], ...]:
    """The phrase shapes, compiled once on first use."""
    shapes: list[tuple[str, Handler]] = [
        (
            r"\b(?P<w>today|tonight|tonite|tomorrows?|tomorow|tmrw?|tmw|2moro|2morrow|2mrw"
            r"|(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw))\b",
            day_today,
        ),
        (
            r"(?<!cyber\s)(?<!easter\s)(?<!black\s)(?<!good\s)(?<!whit\s)(?<!ash\s)(?<!palm\s)"
            r"(?<!shrove\s)(?<!maundy\s)(?<!giving\s)(?<!holy\s)(?<!super\s)"
            r"\b(?:(?P<mod>this|next|coming|upcoming|the\s+coming)\s+)?(?P<wd>monday|tuesday"
            r"|wednesday|thursday|friday|saturday|sunday|wendesday|wensday|wednsday|thrusday|thurday"
            r"|firday|fridy|tuesdy|teusday|(?:mon|tues?|weds?|thurs?|thu|fri|sat|sun)"
            r"(?P<dot>\.(?!\w))?)(?P<after>\s+after\s+next|\s+(?:of\s+)?next\s+week|\s+of\s+this\s+week"
            r"|\s+this\s+week|\s+week(?![\w'’-])|\s+fortnight(?![\w'’-]))?"
            r"(?:['’]s(?=\s+\d))?(?![\w'’])",  # "Thursday's 2pm call"
            day_weekday,
        ),
        (
            rf"\b(?P<n>{NUM})\s+(?P<u>days?|weeks?|fortnights?)\s+from\s+(?:this\s+)?"
            r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thurs?"
            r"|thu|fri|tomorrow|tmrw)\b",
            day_from_day,
        ),
        (
            r"\b(?P<mon>"
            + MONTH
            + r")\.?\s*(?:the\s+)?"
            + DAY
            + r"(?![\d:]|\.\d|\s*(?:am|pm|a\.m|p\.m|h\d|o'?clock)\b)\b"
            r"(?:,?\s*(?P<y>\d{4}|'\d{2})(?![\d:]))?",
            day_month_name,
        ),
        (
            r"\b(?:the\s+)?" + DAY + r"(?:\s+day)?\s*(?:of\s+)?(?P<mon>" + MONTH + r")\b"
            r"(?:\.?,?\s*(?P<y>\d{4}|'\d{2})(?![\d:])|-(?P<y2>\d{2})\b)?",
            day_month_name,
        ),
        (
            r"(?<![\w/.:-])(?P<a>\d{1,2})\s?/\s?(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?"
            r"(?![\w/]|\.\d)",
            day_numeric,
        ),
        (
            r"(?<![\w/.:-])(?P<a>\d{1,2})(?P<sep>[-.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
            r"(?![\w.-])",
            day_numeric,
        ),
        (r"(?<![\w/.-])(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?![\d/-])", day_iso),
        (
            r"(?:(?<=\bon\s)|(?<=\bby\s)|(?<=\bdue\s)|(?<=\buntil\s)|(?<=\bbefore\s)|(?<=day\s)"
            r"|(?<=day,\s)|\bthe\s+)(?P<d>[0-3]?\d)(?:st|nd|rd|th)(?:\s+day)?"
            r"(?:\s+of\s+(?P<which>this|next|the\s+following)\s+month)?" + _DAY_AFTER_ORDINAL,
            day_of_month,
        ),
        (
            r"\b(?P<pre>in|by|during|before|until|till|next|early|mid|late)[\s-]+"
            r"(?:(?:early|mid|late)[\s-]+)?(?P<mon>"
            + MONTH_FULL
            + r")"
            + _NO_DAY_AFTER
            + r"(?:,?\s+(?P<y>\d{4}))?\b"
            r"|\b(?P<mon2>" + MONTH_FULL + r")\s+(?P<y2>\d{4})\b",
            day_month_only,
        ),
        (
            r"\b(?:the\s+)?(?:(?P<end>end|close)[\s-]+of[\s-]+|(?P<start>beginning|start)\s+of\s+"
            r"|early\s+)?(?:the\s+)?(?P<which>this|next|the\s+following|following|coming"
            r"|the\s+coming|upcoming|current|last|previous|past)?\s*(?P<u>week\s+after\s+next"
            r"|week|month|quarter|year|" + MONTH_FULL + r")\b(?!\s*\d|['’]s)"
            r"|\b(?P<u2>eow|eom|eoq|eoy)\b",
            day_period,
        ),
        (
            r"\b(?:by|before|until|till|for|at|come)\s+(?:the\s+)?(?P<which>this|next)?\s*"
            r"(?P<u>month|quarter|year)[\s-]end\b"
            r"|\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?|(?:by|before|until|till)\s+(?:the\s+)?)"
            r"(?P<p>q[1-4]|h[12])(?:[\s-]+end)?(?:\s*(?P<y>20\d\d))?\b"
            r"|\b(?P<p2>q[1-4]|h[12])[\s-]+end\b"
            r"|\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(?P<fy>fy|fiscal\s+year|financial\s+year)"
            r"|(?P<fy2>fy|fiscal\s+year|financial\s+year)[\s-]+end|(?P<fy3>eofy))\b"
            r"|\b(?:before|by)\s+(?:the\s+)?(?P<which2>next\s+)?(?P<u2>weekend)\b",
            day_period_end,
        ),
        (
            # a name as a deadline ("by Xmas"), not as a noun's ("the Christmas party")
            rf"\b(?:{_NAMED_RELATION}|come)\s+"
            rf"(?:(?:the|this|next|coming|upcoming)\s+)?(?P<named>{named_days.PATTERN})(?![\w'’-])"
            rf"(?:,?\s+(?:of\s+)?(?P<ny>20\d\d)(?!\d))?{_DAYS_OFF}"
            rf"(?!\s+{_NAMED_DAY_AS_NOUN})",
            day_named,
        ),
        (
            # "Tuesday AM", "tmrw pm": the morning or the afternoon of that day
            r"(?:(?<=day\s)|(?<=tmrw\s)|(?<=tmw\s)|(?<=tomorrow\s)|(?<=today\s))"
            r"(?P<ap>am|a\.m\.|pm|p\.m\.)(?![\w.])",
            clock_half_day,
        ),
        (
            # "at three thirty", "by four fifteen", "by 4ish"
            rf"(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\bbefore\s))(?:(?P<hw>{HOUR_WORD})[\s-]+"
            r"(?P<mw>fifteen|thirty|forty[\s-]?five|forty|twenty|ten|fifty)|(?P<h>\d{1,2})\s*-?ish)\b"
            r"|(?<=\s)(?P<h2>\d{1,2})-?ish\b",
            clock_spoken,
        ),
        (
            # "the Monday after Thanksgiving", "the Friday before Christmas", "the day after
            # Labor Day": counted from the named day
            r"\b(?:the\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|day)"
            rf"\s+(?P<dir>after|before)\s+(?:the\s+)?(?P<named>{named_days.PATTERN})(?![\w'’-])",
            day_beside_named,
        ),
        (
            # "in 3 days", "give me 2 working days", "ETA 20 mins"
            r"\b(?:in|within|eta:?|give\s+me|gimme|allow)\s+(?:the\s+next\s+|about\s+|~\s*)?(?P<n>"
            + NUM
            + r")\s*(?:more\s+)?"
            + BIZ
            + UNIT
            + r"(?!\w)|\b(?P<n2>"
            + NUM
            + r")\s+"
            + BIZ.replace("biz", "biz2")
            + UNIT.replace("<u>", "<u2>")
            + r"\s+(?:from\s+(?:now|today)|hence|out)\b",
            day_after,
        ),
        (
            # any holiday of the writer's country by its name: "before Republic Day"
            rf"\b(?:{_NAMED_RELATION})\s+"
            r"(?:the\s+)?(?P<called>(?>(?-i:[A-Z][\w'’.-]*)(?:\s+(?:(?:der|des|de|of|la|du)\s+)?"
            rf"(?-i:[A-Z][\w'’.-]*)){{0,3}}|(?:[a-z][\w'’-]*\s+){{1,3}}(?:day|eve)\b))"
            rf"{_DAYS_OFF}(?!\s+{_NAMED_DAY_AS_NOUN})",  # "by Republic Day", "by valentine's day"
            day_called,
        ),
        (
            # "before the long weekend": the next one in the writer's country
            r"\b(?:before|by|ahead\s+of|prior\s+to|until|till)\s+the\s+(?:next\s+)?long\s+week-?end\b",
            day_long_weekend,
        ),
        (
            r"\b(?:in|within)\s+(?:about\s+)?(?P<f>the\s+(?:next\s+)?hour|half\s+an\s+hour"
            r"|half\s+hour|an\s+hour\s+and\s+a\s+half"
            r"|one\s+and\s+a\s+half\s+hours|a\s+quarter\s+of\s+an\s+hour|quarter\s+of\s+an\s+hour"
            r"|three[\s-]quarters\s+of\s+an\s+hour|[13]/[24]\s*h(?:our)?)\b",
            after_fraction,
        ),
        (
            r"(?<![\w:.$£€/-])(?:(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?(?::[0-5]\d)?|(?P<hm>\d{3,4}))"
            r"(?:\s*(?P<ap>a\.\s?m\.?|p\.\s?m\.?|am|pm)(?![a-z])|(?P<ap2>a|p)(?![a-z]))",
            clock_ampm,
        ),
        (
            r"(?<![\w:.$£€/-])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::[0-5]\d)?(?![\d:]|\.\d)",
            clock_24h,
        ),
        (
            # military time after a deadline word: "by 0900", "at 1630hrs" (not "by 2026")
            r"(?:(?<=\bby\s)|(?<=\bat\s)|(?<=\bbefore\s)|(?<=\buntil\s)|(?<=@)|(?<=day\s)"
            r"|(?<=\bthe\s))(?:(?P<h>0\d|1\d|2[0-3])(?P<m>[0-5]\d)\s*(?:hrs|hours|h)\b"
            r"|(?P<h2>0\d|1[3-8]|2[1-3])(?P<m2>[0-5]\d)\b(?![.,]\d))",
            clock_military,
        ),
        (r"(?<![\w:.$£€/-])(?P<h>\d{1,2})h(?P<m>[0-5]\d)?(?![\w:])", clock_h),
        (
            r"\b(?P<w>noon|mid[\s-]?day|12\s*noon|lunch\s*time|lunch|midnight|bright\s+and\s+early"
            r"|(?:(?:this|in\s+the)\s+)?arvo"
            r"|(?:the\s+)?(?:start|beginning|open)[\s-]+of[\s-]+(?:the\s+)?(?:business|work(?:ing)?"
            r"[\s-]+day|(?:the\s+)?day)"
            r"|(?:(?:this|in\s+the)\s+)?(?:early\s+)?morning"
            r"|(?:(?:this|in\s+the)\s+)?afternoon|(?:(?:this|in\s+the)\s+)?evening"
            r"|night|first\s+thing(?:\s+in\s+the\s+morning)?|eod|eop|cob|eob|c\.o\.b"
            r"|(?:the\s+)?(?:end|close)[\s-]+of[\s-]+(?:the\s+)?(?:business[\s-]+|work(?:ing)?[\s-]+)?"
            r"(?:day|business|play))\b",
            clock_word,
        ),
        (
            r"(?:(?<=\bat\s)|(?<=@)|(?<=@\s)|(?<=\baround\s)|(?<=\bby\s)|(?<=\bbefore\s)"
            r"|(?<=\buntil\s)|(?<=\btill\s)|(?<=\btil\s))(?P<h>\d{1,2})"
            r"(?P<oc>\s*(?:o['’]?\s?clock|uhr\b))?(?![\w:/%-]|[.,]\d|\s*%)"
            r"|\b(?P<h2>\d{1,2})(?P<oc2>\s*(?:o['’]?\s?clock|uhr\b))(?!\w)"
            r"|\b(?P<h3>\d{1,2})(?=\s+(?:tomorrow|today|tonight|in\s+the\s+(?:morning|afternoon"
            r"|evening)|this\s+(?:morning|afternoon|evening))\b)",
            clock_bare,
        ),
        (
            r"\b(?P<q>half|(?:a\s+)?quarter|(?:\d{1,2}|five|ten|twenty|twenty[\s-]five)"
            r"(?:\s+minutes?)?)\s+(?P<dir>past|after|to|till|before)\s+(?P<t>\d{1,2}|noon|midday"
            rf"|midnight|{HOUR_WORD})(?:\s*(?P<ap>am|pm|a\.m\.?|p\.m\.?))?(?![\w:])",
            clock_past,
        ),
        (
            # British "half four": half past four, after a word that puts a time next
            r"\b(?:by|at|around|until|till|before|for|from|about)\s+half\s+"
            rf"(?P<t>\d{{1,2}}|{HOUR_WORD})(?![\w:]|\s*(?:an?|past|of|hours?|mins?|the)\b)",
            clock_half,
        ),
        (
            # "on 4.3.", "bis 12.11.": a day and a month with dots, the German way
            r"(?:(?<=\bon\s)|(?<=\bby\s)|(?<=\bam\s)|(?<=\bbis\s)|(?<=\buntil\s)|(?<=\btill\s)"
            r"|(?<=\bbefore\s)|(?<=\bfrom\s))(?P<d>[0-3]?\d)\.(?P<mo>[01]?\d)\.(?![\w.])",
            day_dotted,
        ),
    ]
    shapes += [
        (
            r"(?:\b(?:by|at|before|until|till|@)\s+(?:(?:" + WEEKDAY + r"|today|tomorrow|tmrw)\s+)?"
            r"|\b(?:" + WEEKDAY + r"|today|tomorrow|tmrw)\s+)"  # "Friday 25:00", as /more-time
            r"(?:at\s+)?(?P<t>" + IMPOSSIBLE_CLOCK.pattern + ")",
            impossible_clock,
        ),
        (
            r"\b(?:yesterday|(?:the\s+)?day\s+before\s+yesterday|(?:late\s+)?last\s+night"
            r"|(?:last|past|previous|this\s+past)\s+(?:" + WEEKDAY + r"|week(?:[\s-]?end)?|month"
            r"|year|night|time)(?:['’]s)?|(?:" + NUM + r")\s+(?:" + WEEKDAY + r"s?|minutes?|mins?"
            r"|hours?|hrs?|days?|weeks?|fortnights?|months?|years?)\s+(?:ago|back|before)"
            r"|earlier\s+today)\b",
            said_past,
        ),
        (
            r"\b(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+"
            r"(?P<wd>" + WEEKDAY + r"|day|business\s+day|working\s+day|weekday)\s+(?:of|in)\s+"
            r"(?:(?P<which>this|next|the|the\s+next|the\s+following|the\s+current|current"
            r"|the\s+coming|coming)\s+month|(?P<mon>" + MONTH + r")(?:,?\s+(?P<y>\d{4}))?)\b",
            day_nth_of_month,
        ),
        (
            r"\b(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+day)?\s+of\s+(?:the\s+)?"
            r"(?P<which>this|next|following|current|coming)\s+month\b",
            day_of_month,
        ),
        (
            r"\b(?P<hw>" + HOUR_WORD + r")"
            r"(?:[\s-](?P<mw>o['’]?\s?clock|forty[\s-]five|fifteen|thirty|twenty|forty|fifty|ten"
            r"|five))?(?:\s*(?P<ap>am|pm|a\.m\.?|p\.m\.?)(?![a-z]))?"
            r"(?P<next>(?=\s+(?:tonight|in\s+the\s+(?:morning|afternoon"
            r"|evening))\b))?(?![\w-])",
            clock_words,
        ),
        (
            r"(?:\b(?:from|between)\s+)?(?<![\w:.])(?P<a>\d{1,2}(?:[:h][0-5]\d)?)\s*"
            r"(?P<apa>[ap]\.?m\.?|[ap](?![a-z]))?\s*(?:-|–|to|till|until|untill|and|thru|through)"
            r"\s*(?P<b>\d{1,2}(?:[:h][0-5]\d)?)\s*(?P<apb>[ap]\.?m\.?(?![a-z])|[ap](?![a-z]))?"
            r"(?![\w:/])",
            clock_range,
        ),
    ]
    return tuple((re.compile(p, ANY_CASE), h) for p, h in shapes)
