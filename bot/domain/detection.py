"""Whether a chat message makes a first-person promise, and to whom: words only, no due times.

The caller reads the due time (`bot.domain.due_times`) and combines both: a message worth a
"Track this?" is a promise, not hedged, with a due time.

How it reads a message: split it into sentences, and each sentence into clauses (at commas,
"but", dashes). A clause holds a *commitment* when it has a first-person future cue ("I'll",
"on it", "let me", "you'll have it"...) that is not negated, not a question, not a request to
someone else, not a status announcement ("I'll be out Friday") and not inside quotes. A hedge
("try to", "hopefully", "if legal signs off") anywhere in the commitment's sentence makes it
hedged. One firm commitment is enough for a promise; hedged ones only make the message hedged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from bot.domain.blanks import Squeezed, squeeze
from bot.domain.place_zones import pattern as place_pattern
from bot.domain.place_zones import places

__all__ = ["PromiseSignal", "detect_promise", "may_contain_promise"]


@dataclass(frozen=True)
class PromiseSignal:
    """What the words of a message say about a promise in it."""

    is_promise: bool  # a firm first-person commitment (never true when hedged)
    hedged: bool  # a commitment made with a hedge or a condition, and no firm one
    counterpart: str | None  # "@ana", "<@U123>", or an external customer such as "Acme Corp"
    what: str  # the promised deliverable, best effort, as written
    # The commitment's own clause, as written ("I'll have it by 4:15" of "the 4pm call's off,
    # so I'll have it by 4:15 instead"): its times are the promise's when the message has more.
    clause: str = ""
    # Clauses before the commitment that say what someone else will do ("Raj will send the data
    # by Thursday"), as written: their times are theirs, not the promise's.
    theirs: tuple[str, ...] = ()
    # Co-workers named with the counterpart, in a list with it ("to @ana, @raj and @li").
    also: tuple[str, ...] = ()


# --- the prefilter -------------------------------------------------------------------------
# Every commitment cue of the detector has a word here, so a False is final for a promise
# (hedge words are not here: a message with a hedge and no commitment is no promise).
# Kept as one flat alternation of literal-ish words: it must reject chatter in microseconds.
_PREFILTER = re.compile(
    r"\b(?:i\s*['’]?\s*ll|i\s+will|i\s+shall|i\s+can|we\s+can|i\s*['’]?m|i\s+am|ill|"
    r"we\s*['’]?ll|we\s+will|we\s*['’]?re|we\s+are|will|on\s+it|let\s+me|you\s*['’]?ll|"
    r"expect|consider\s+it|leave\s+it|i\s+promise|count\s+on|i\s*['’]?ve\s+got|i\s+got|"
    r"going\s+to|gonna|my\s+word|from\s+me|can\s+do|can\s+have|commit|told|sending|shipping|delivering|finishing"
    r"|pushing|(?:i|we)\s+(?:send|finish|prepare|deliver"
    r"|share|submit|upload|provide|fix|update|write|complete|give|close|bring|make|do|check"
    r"|review|have))\b",
    re.IGNORECASE,
)


def may_contain_promise(text: str) -> bool:
    """False only when the message cannot hold a promise: the cheap gate before the real work.

    `detect_promise` of a message this rejects never says `is_promise`.
    """
    return _PREFILTER.search(squeeze(text).text) is not None


# --- the detector --------------------------------------------------------------------------
_ACK = (
    r"(?:ok(?:ay)?|k|sure(?:\s+thing)?|yes|yep|yup|yeah|ya|absolutely|of\s+course|np|"
    r"no\s+problem|no\s+worries|sounds\s+good|got\s+it|ack|roger|will\s+do|on\s+it|"
    r"thanks|thx|ty|noted|done\s+deal|definitely|deal|cool|great|perfect|alright|right)"
)
# A name taken whole (atomic): "@k-@k-..." could otherwise end each name before or after its
# "-", and a clause of them is tried every way, exponentially many.
_MENTION = r"(?:<@[A-Za-z0-9]+(?:\|[^<>]*)?>|(?>@[\w.\-]+))"
# Words that start a clause without being its subject: acks, mentions, "and", "so"...
_LEAD = (
    rf"(?:(?:{_ACK}|{_MENTION}|and|so|then|but|hey|hi|hello|also|anyway|fine)(?![\w'])"
    r"[\s,.!:;-]*)*"
)

# Subjects that make "will ..." somebody else's business, or a question ("will you...").
_NOT_A_VERB = (
    r"(?:you|u|he|she|they|it|we|i|that|this|these|those|there|the|a|an|someone|anyone|"
    r"everyone|somebody|anybody|ya)\b"
)

_FIRM_CUES = re.compile(
    r"\bi\s*'?\s*ll\b|^ill\b|\bi\s+will\b|\bi\s+shall\b|\bwe\s*'?ll\b|\bwe\s+will\b"
    r"|\b(?:i\s*'?m|i\s+am|we\s*'?re|we\s+are)\s+(?:going\s+to|gonna)\b"
    rf"|^{_LEAD}(?:gonna|going\s+to)\s+(?!{_NOT_A_VERB})\w+"
    r"|\bi\s*'?m\s+(?:sending|shipping|finishing|delivering|wrapping|handling|pushing|"
    r"getting\s+(?:it|this|that|the|you))\b"
    rf"|^{_LEAD}will\s+(?!{_NOT_A_VERB})\w+"
    rf"|^{_LEAD}will\s+do\b|\bwill\s+do\s*(?:$|[!.👍🙏])"
    rf"|^{_LEAD}(?:i\s*'?m\s+|i\s+am\s+)?on\s+it\b"
    r"|\blet\s+me\s+(?!know\b|think\b|guess\b|see\b|check\s+if\b|ask\b)\w+"
    r"|\b(?:i|we)\s+can\s+(?:have|get|send|deliver|finish|turn|ship)\b"
    r"|\byou\s*'?ll\s+(?:have|get|see|receive)\b"
    r"|(?<!\bi\s)(?<!\bwe\s)\bexpect\s+(?:it|them|the|a|an|my|this|that|our|an?\s+update)\b"
    r"|\bi\s+commit\s+to\b"
    r"|\bconsider\s+it\s+done\b|\bleave\s+it\s+with\s+me\b|\bi\s+promise\b"
    r"|\byou\s+have\s+my\s+word\b|\bi\s+give\s+you\s+my\s+word\b"
    # "Acme gets the quote from me Friday": the writer gives it
    r"|\b(?:gets?|will\s+get|'ll\s+get|will\s+have|'ll\s+have)\b[^.!?]{0,60}?\bfrom\s+me\b"
    # "I send you the numbers on Friday": the present tense of a plan, as many write it
    r"|(?<!\bif\s)(?<!\bwhen\s)(?<!\bonce\s)\b(?:i|we)\s+(?:send|finish|prepare|deliver|share|submit"
    r"|upload|provide|fix|update|write|complete|give|close|bring|make|do|check|review|have\s+(?:it"
    r"|the\s+\w+|them)\s+ready)\s+(?!(?:\w+\s+){0,6}(?:every|each|usually|always|normally)\b)"
    # "can do by 4", "I told Raj I'd send it by Friday"
    rf"|^{_LEAD}(?:sending|shipping|delivering|finishing|pushing)\s+(?:it|this|that|the|them|you"
    r"|over|across|out)\b"
    rf"|^{_LEAD}can\s+have\s+(?:it|them|this|that|the)\b"
    rf"|^{_LEAD}can\s+do\b(?!\s*\?)|\bi\s+told\s+(?:\S+\s+){{1,3}}(?:i\s*'?d|i\s+would)\b"
    r"|\bcount\s+on\s+me\b|\bi\s*'?ve\s+got\s+(?:it|this)\b|\bi\s+got\s+this\b"
)

# Hedges that need no first-person cue of their own ("hopefully by Friday").
_HEDGE_ALONE = re.compile(
    r"\bhopefully\b|\bshould\s+be\s+able\b|\bfingers\s+crossed\b|🤞|\bno\s+promises\b"
    r"|\b(?:i|we)\s+(?:might|may|should|could)\b(?!\s+as\s+well)|\bmight\b(?!\s+as\s+well)"
    r"|\bmaybe\b|\bprobably\b|\bin\s+theory\b|\bwith\s+(?:a\s+bit\s+of\s+|any\s+|some\s+)?luck\b"
    r"|\bno\s+guarantees?\b|\btouch\s+wood\b|\bknock\s+on\s+wood\b|\bif\s+all\s+goes\s+well\b"
    r"|\ball\s+being\s+well\b|\bgod\s+willing\b|\binshallah\b|\bendeavou?r\b"
    r"|\bgive\s+it\s+a\s+(?:go|shot|try)\b|\bi\s*'?d\s+like\s+to\s+think\b"
    r"|\bi\s*'?d\s+love\s+to\b|\bwe\s*'?ll\s+see\b"
    r"|\bpossibly\b|\bperhaps\b|-ish\b|\bish\b|\btentative(?:ly)?\b|\bnot\s+sure\b"
    r"|\btry(?:ing)?\s+(?:to|and)\b|\bhop(?:e|ing)\s+to\b|\baim(?:ing)?\s+(?:to|for)\b"
    r"|\bplan(?:ning)?\s+to\b"
)
_HEDGE = re.compile(
    _HEDGE_ALONE.pattern + r"|\bwill\s+try\b|\bi\s*'?ll\s+try\b|\battempt\b|\bi\s+hope\b"
    r"|\bdo\s+my\s+best\b|\bbest\s+effort\b|\bif\s+(?:possible|i\s+can|time\s+permits)\b"
    r"|\bi\s+think\b|\bi\s+guess\b|\bideally\b|\bassuming\b|\bunless\b"
    r"|\bas\s+long\s+as\b|\bdepending\s+on\b|\bdepends\s+on\b|\bprovided\b"
    r"|\b(?:i|we)\s+(?:want|wanna)\s+(?:to\b)?"
    r"|\bwould\s+like\s+to\b|\bonce\b(?!\s+more)|\bshould\s+have\b"
    r"|\bshould\s+be\s+(?:done|ready|finished|out|with\s+you|in)\b"
    # A condition: "if legal signs off"; not the polite "if that works" or "if you need".
    r"|\bif\b(?!\s+(?:that(?:'s|\s+is)?\s+(?:works?|ok|okay|alright|fine|cool|helps)|"
    r"it\s+helps|you\s+(?:want|like|need|prefer)|needed|anyone\s+asks|so)\b)"
)

_QUESTION_START = re.compile(
    r"^(?:can|could|would|will|should|shall|do|does|did|is|are|am|was|were|want|what|when|"
    r"where|why|how|who|which|any|have|has|may)\b"
)
_REQUEST = re.compile(
    r"^please\b|\bplease\s+(?:send|make|get|have|do|share|review|check|let|update|fix)\b"
    r"|\b(?:can|could|would|will)\s+(?:you|u|someone|anyone)\b|\bneed\s+you\s+to\b"
    r"|\bmake\s+sure\s+(?:you|u)\b|\bwant\s+me\s+to\b|\bshould\s+i\b|\bshall\s+i\b"
    r"|\bdo\s+you\s+want\b"
)
# The commitment is taken back: "I'll not", "I will never", "no way I'll".
_NEGATION = re.compile(
    r"\b(?:i\s*'?\s*ll|i\s+will|we\s*'?ll|we\s+will)\s+(?:not|never|no\s+longer)\b"
    r"|\b(?:don'?t|do\s+not|doubt|no\s+way|never)\s+(?:think\s+)?(?:i|we)\b"
)
# "I'll be out Friday", "I'll join at 3", "I'll be honest": first person and future, but nothing
# delivered.
_ANNOUNCEMENT = re.compile(
    r"\b(?:i\s*'?\s*ll|i\s+will|we\s*'?ll|we\s+will|going\s+to|gonna)\s+(?:be\s+(?:out|ooo|off|away|on\s+"
    r"(?:leave|vacation|holiday|pto|the\s+call|a\s+plane)|out\s+of\s+office|offline|online|late|back|"
    r"in\s+(?:the\s+office|office|town|late|early|a\s+meeting|" + place_pattern() + r")\b|"
    r"at\s+the|there|wfh|"
    r"heads[\s-]?down|tied\s+up|on\s+call|"
    r"working\s+from|around|free|busy|unavailable|travel+ing|a\s+few\s+minutes|a\s+bit|"
    r"heading|starting|leaving|landing|driving|honest|frank|blunt)|join|attend|see\s+you|miss|"
    r"need|wait|say|admit|bet|sleep\s+on\s+it|think\s+(?:about\s+it|it\s+over)|mull\s+it\s+over|"
    r"grab\s+(?:lunch|coffee|a\s+coffee)|head\s+out|log\s+off|sign\s+off|dial\s+in|hop\s+on)\b"
)
_JOKE = re.compile(
    r"famous\s+last\s+words|said\s+no\s+one\s+ever|\bjk\b|\bj/k\b|/s\b|yeah\s+right|"
    r"\blol\s+no\b|\bas\s+if\b|\bin\s+my\s+dreams\b"
)
# A quote ends at the next closing mark; an opening “ inside it starts a new one (were it not
# so, each of many “ never closed would be searched to the end of the message).
# Words the writer passes on, not says: a quoted line ("> I'll send it"), code, and what follows
# "Forwarded message:".
_NOT_SAID_HERE = re.compile(
    r"^[ \t]*(?:>|&gt;).*$|(?s:```.*?```)|`[^`\n]*`"
    r"|^[ \t]*(?:fwd?|forwarded(?:\s+message)?)\s*:(?s:.*)",
    re.MULTILINE,
)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^“”]*”|(?<!\w)'[^']*'(?!\w)")
# A stop inside a word ("v2.1", a link's "github.com") ends no sentence: one followed by a blank,
# the end, or another stop does.
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s.!?]))+[.!?]*|[.!?]+")
# Blanks are taken from the start of their run, all at once: tried from each blank of a long
# run, they made splitting a sentence quadratic in the run's length.
_CLAUSE_SPLIT = re.compile(
    r",|;|:|(?<!\s)\s++(?:-+\s+|—\s*|but\s+|though\s+|although\s+|(?:so|and|then|and\s+then)\s+(?=(?:i|we)\b))"
)
# "Ana might send it": somebody else's hedge, not the writer's.
_THIRD_PERSON_START = re.compile(
    rf"^{_LEAD}(?:he|she|they|it|(?:the\s+)?(?!probably|maybe|hopefully|perhaps|possibly)[a-z]+\s+(?:will|won't|might|may|should|could|"
    r"is|are|'s))\b"
)
# "@raj will send it", "@ana and @raj will have it": the people named will, not the writer
# ("@raj, will send it" is the writer's, speaking to Raj).
_OTHERS_WILL = re.compile(
    rf"^(?:{_ACK}(?![\w'])[\s,.!:;-]*)*{_MENTION}(?:\s*(?:,|and|&)\s*{_MENTION})*"
    r"\s+(?:will|can|'ll|is\s+going\s+to|are\s+going\s+to|are\s+gonna|is\s+gonna)\b"
)
# "Raj will send the data", "then they'll review it": a person named, or he/she/they, will do it
# (not "It will be ready", "The deck will go out": the writer's, said of the work).
_SOMEONE_WILL = re.compile(
    r"^(?:(?:and|then|so|but|once|after)\s+)?(?:(?!(?:I|It|This|That|The|There|We|You|Our|My)\b)"
    r"[A-Z][a-z]+(?:\s+(?:and|&)\s+[A-Z][a-z]+)?|he|she|they)"
    r"\s*(?:will|'ll|’ll|is\s+going\s+to|are\s+going\s+to|is\s+gonna|are\s+gonna)\s+(?!be\b)\w+",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'?ll|i'?m|i'?d|i'?ve|me|my|we|we'?ll|we'?re|us|our)\b")


class _Sentence:
    """A sentence of the message, normalised. What its clauses ask of it is found once: a
    sentence of many clauses searched again for each made reading it quadratic."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def hedged(self) -> bool:
        return _HEDGE.search(self.text) is not None

    @cached_property
    def request(self) -> bool:
        return _REQUEST.search(self.text) is not None

    @cached_property
    def first_person(self) -> bool:
        return _FIRST_PERSON.search(self.text) is not None

    @cached_property
    def third_person(self) -> bool:
        return _THIRD_PERSON_START.search(self.text) is not None


@dataclass(frozen=True)
class _Clause:
    sentence: _Sentence
    text: str  # the clause, normalised
    start: int  # where the clause starts in the normalised message
    end: int  # where its sentence ends
    stop: int  # where the clause itself ends


def _normalise(text: str) -> str:
    # Same length as the input, so positions map back to the text as written.
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters (İ) grow when lowered
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.replace("’", "'").replace("‘", "'")


def _clauses(norm: str) -> list[_Clause]:
    clauses: list[_Clause] = []
    for sentence in _SENTENCE.finditer(norm):
        body = sentence.group()
        whole = _Sentence(body.strip())
        position = 0
        for cut in [*_CLAUSE_SPLIT.finditer(body), None]:
            end = cut.start() if cut else len(body)
            part = body[position:end]
            stripped = part.lstrip()
            if stripped.strip():
                start = sentence.start() + position + (len(part) - len(stripped))
                stop = start + len(stripped)
                clauses.append(_Clause(whole, stripped.rstrip(), start, sentence.end(), stop))
            if cut:
                position = cut.end()
    return clauses


def _is_question(clause: _Clause) -> bool:
    if clause.text.endswith("?"):
        return True
    return clause.sentence.text.endswith("?") and _QUESTION_START.match(clause.text) is not None


def _commits(clause: _Clause, quoted: list[tuple[int, int]]) -> bool:
    """Whether the clause holds a first-person commitment (firm or hedged)."""
    cue = _FIRM_CUES.search(clause.text)
    if cue is None or _OTHERS_WILL.match(clause.text):
        return False
    at = clause.start + cue.start()
    if any(start <= at < end for start, end in quoted):
        return False
    return not (
        _is_question(clause)
        or _REQUEST.search(clause.text)
        or _NEGATION.search(clause.text)
        or _ANNOUNCEMENT.search(clause.text)
    )


def _hedge_without_commitment(clause: _Clause) -> bool:
    """'hopefully by Friday', 'I might get to it': a hedge that speaks for the writer."""
    if _is_question(clause) or clause.sentence.request:
        return False
    if _HEDGE_ALONE.search(clause.text) is None:
        return False
    return clause.sentence.first_person or not clause.sentence.third_person


def detect_promise(text: str) -> PromiseSignal:
    """Read a chat message: is it a first-person promise, hedged or firm, and to whom?"""
    squeezed = squeeze(text)
    norm = _normalise(squeezed.text)
    whole = (0, len(norm))
    if _JOKE.search(norm):
        counterpart = _counterpart(squeezed.text, whole)
        return PromiseSignal(False, False, counterpart, _what(text, squeezed, *whole))
    passed_on = (*_QUOTED.finditer(norm), *_NOT_SAID_HERE.finditer(norm))
    quoted = [(m.start(), m.end()) for m in passed_on]
    firm: _Clause | None = None
    hedged: _Clause | None = None
    theirs: list[str] = []
    for clause in _clauses(norm):
        written = _what(text, squeezed, clause.start, clause.stop)
        if _OTHERS_WILL.match(clause.text) or _SOMEONE_WILL.match(written):
            theirs.append(written)
        if _commits(clause, quoted):
            if clause.sentence.hedged:
                hedged = hedged or clause
            else:
                firm = clause
                break
        elif hedged is None and _hedge_without_commitment(clause):
            hedged = clause
    chosen = firm or hedged
    span = (chosen.start, chosen.end) if chosen else whole
    # "@raj I'll send it to @ana" is to @ana: the words that lead in are not whom it is to
    lead = _LEAD_IN.match(norm[span[0] : span[1]]) if chosen else None
    counterpart = _counterpart(squeezed.text, (span[0] + (lead.end() if lead else 0), span[1]))
    hedged_only = firm is None and hedged is not None
    what = _what(text, squeezed, *span)
    own = _what(text, squeezed, chosen.start, chosen.stop) if chosen else ""
    also = _listed_with(squeezed.text, counterpart)
    return PromiseSignal(firm is not None, hedged_only, counterpart, what, own, tuple(theirs), also)


# --- what was promised ---------------------------------------------------------------------
_LEAD_IN = re.compile(
    rf"^(?:(?:{_MENTION}|{_ACK}|cc|hey|hi|hello|and|so|then|but)(?![\w'])[\s,.!:;—-]*)*"
    r"(?:(?:i\s*'?\s*ll|i\s+will|i\s+shall|we\s*'?ll|we\s+will|(?:i\s*'?m|i\s+am|we\s*'?re|"
    r"we\s+are)\s+(?:going\s+to|gonna)|gonna|i\s+can|we\s+can|let\s+me|ill"
    rf"|will(?=\s+(?!{_NOT_A_VERB})))(?![\w'])\s*)?",
    re.IGNORECASE,
)


def _what(text: str, squeezed: Squeezed, start: int, end: int) -> str:
    """The commitment's sentence from the commitment on, without its lead-in ("sure, I'll"),
    as written: found in the squeezed text, from `start` to `end`."""
    cut = _LEAD_IN.match(_normalise(squeezed.text[start:end]))
    skipped = cut.end() if cut else 0
    written = text[squeezed.origin(start + skipped) : squeezed.origin(end)]
    return written.strip().rstrip(".!").strip()


# --- counterpart ---------------------------------------------------------------------------
_MENTION_FIND = re.compile(
    r"(?P<cc>\bcc:?\s*)?(?:<@(?P<slack>[A-Z0-9]+)(?:\|[^<>]*)?>|(?<![\w.])@(?P<name>[\w][\w.\-]*))"
)
_COMPANY_WORD = r"[A-Z][\w&'.\-]*"
_CUSTOMER = re.compile(
    r"(?:(?i:\b(?:the\s+|our\s+|a\s+)?(?:customer|client|account)s?)\s+"
    rf"|(?i:\b(?:for|to|with|from)\s+)(?:(?i:the\s+|our\s+)?(?i:customer|client)\s+)?)"
    rf"(?P<name>{_COMPANY_WORD}(?:\s+(?:&\s+)?{_COMPANY_WORD}){{0,2}})"
)
# "send Acme the quote", "call Globex back", "get Tesco's buyer the figures": a customer as the
# one a verb of delivering or reaching out is done to.
_CUSTOMER_OBJECT = re.compile(
    r"(?i:\b(?:send|sending|get|getting|give|giving|call|calling|ring|ringing|ping|pinging"
    r"|e-?mail|e-?mailing|mail|brief|briefing|message|messaging|text|phone|pay|invoice|quote"
    r"|show|tell|remind|chase|chasing|nudge|contact|update|updating|reply\s+to|respond\s+to"
    r"|reach\s+out\s+to|follow\s+up\s+with|circle\s+back\s+with|get\s+back\s+to|loop\s+in"
    r"|hand|forward|share\s+with|deliver\s+to|back\s+to|action\s+the|raise\s+the)\s+)"
    rf"(?P<name>{_COMPANY_WORD}(?:\s+(?:&\s+)?{_COMPANY_WORD}){{0,2}})"
)
# "the Acme invoice", "the Bank of Ireland submission", "the BHP stocktake": a customer named
# before what is delivered, a name (capitalised) between "the" and a word in lower case.
_CUSTOMER_ATTRIBUTE = re.compile(
    r"(?i:\b(?:the|their)\s+)(?P<name>[A-Z][\w&'’\-]*(?:\s+(?:of\s+)?[A-Z][\w&'’.\-]*){0,2})"
    r"\s+(?=[a-z])"
)
# Mentions that credit or copy someone rather than promise to them: "thanks to @raj", "via @ana".
_NOT_TO_THEM = re.compile(
    r"(?:\b(?:cc|thanks\s+to|thanks|thx|ty|via|per|h/t|from|by)\s*:?\s*)$", re.I
)
# Capitalised words that are not a customer: time words and named days, pronouns, jargon.
_NOT_A_NAME_WORDS = """
    i you me we us them him her it this that the a an my our your monday tuesday wednesday
    thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun today tomorrow
    tonight tmrw tmw eod cob eow eom eoy asap noon midnight morning afternoon evening next
    last end january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec q1 q2 q3 q4 pr prs qa ui ux api
    sql csv pdf ok okay everyone all team now later then review sure thanks friday's monday's
    legal finance sales support engineering ops hr it's i'll you'll we'll standup demo jira
    slack confluence github gitlab notion figma zoom excel google sheets aws azure kubernetes
    christmas xmas x-mas easter thanksgiving diwali deepavali holi halloween nye cny juneteenth
    anzac boxing labour labor memorial by before until till at on in to for from with of
    sow msa nda dpa sla sso crm erp uat kpi okr rfp rfq po roi sdk ci etl bi saas iam vpn dns
    ssl gdpr emea apac latam amer us uk eu python java javascript typescript react ios android
    linux windows mac macos powerpoint outlook gmail drive dropbox sharepoint onedrive tableau
    looker snowflake terraform docker jenkins datadog grafana sentry okta workday servicenow
    zendesk testflight board exec leadership faq wiki readme changelog sprint roadmap backlog
    teams microsoft apple app store play jv gst hst day birthday weekend holiday holidays
    hi hey hello dear marketing product design data platform infra security devops dev
    backend frontend mobile growth ux ui ops support customer client whole core
"""
_NOT_A_NAME = frozenset(_NOT_A_NAME_WORDS.split())
_COMPANY_SUFFIX = frozenset(
    {
        "inc",
        "inc.",
        "corp",
        "corp.",
        "co",
        "co.",
        "ltd",
        "ltd.",
        "llc",
        "gmbh",
        "plc",
        "ag",
        "sa",
        "group",
        "bank",
        "labs",
        "systems",
    }
)


_TITLES = frozenset({"Mr", "Mrs", "Ms", "Mx", "Dr", "Prof"})
_DAY_WORDS = frozenset({"day", "birthday", "eve", "weekend"})


def _without_possessive(name: str) -> str:
    """ "Acme's renewal" names Acme."""
    return re.sub(r"['’]s$", "", name)


def _counterpart(text: str, focus: tuple[int, int]) -> str | None:
    """Whom a promise is to: a co-worker or customer it is given to in the commitment's own
    words, else a co-worker the message names, else a customer it names."""
    text = _LINK_LABEL.sub(_label_in_place, text)  # "<https://acme.com|Acme>" reads Acme
    said = text[focus[0] : focus[1]]
    return (
        _mentioned(said)
        or _receiving(said)
        or _mentioned(text)
        or _team_of(text)
        or _customer_of(said)
        or _receiving(text)
        or _customer_of(text, mid_sentence=True)
    )


# A Slack link with a label: its label is what the writer wrote.
_LINK_LABEL = re.compile(r"<([a-z][a-z0-9+.-]*:[^|<>\s]+)\|([^<>]*)>", re.IGNORECASE)


def _label_in_place(link: re.Match[str]) -> str:
    """The link's label where the link was, blanks around it: positions in the text stay."""
    return " " * (len(link[1]) + 2) + link[2] + " "


# "Hi Acme team", "the Globex folks": a customer's people, addressed or spoken of.
_TEAM = re.compile(
    rf"(?P<name>{_COMPANY_WORD}(?:\s+{_COMPANY_WORD}){{0,2}})\s+(?:team|folks|people|crew)\b"
)


def _team_of(text: str) -> str | None:
    for team in _TEAM.finditer(text):
        words = [_without_possessive(word) for word in team.group("name").split()]
        while words and words[0].lower() in _NOT_A_NAME:  # "Hi Acme team": Acme
            words.pop(0)
        at_place = next((n for n, w in enumerate(words) if w.lower() in places()), len(words))
        words = words[:at_place]  # "the London team" is ours; "Globex's Bangalore team" Globex's
        if words and not any(word.lower() in _NOT_A_NAME for word in words):
            return " ".join(words)
    return None


def _mentioned(text: str) -> str | None:
    """The first co-worker mentioned, but not one copied or credited ("cc @ana", "via @raj")."""
    for mention in _MENTION_FIND.finditer(text):
        before = text[max(0, mention.start() - 14) : mention.start()]
        if mention.group("cc") or _NOT_TO_THEM.search(before):
            continue
        if mention.group("slack"):
            return f"<@{mention.group('slack')}>"
        return "@" + mention.group("name").rstrip(".-")
    return None


_LISTED = re.compile(rf"\s*(?:,\s*and\b|,|&|\+|\band\b)\s*(?P<mention>{_MENTION})", re.IGNORECASE)


def _listed_with(text: str, counterpart: str | None) -> tuple[str, ...]:
    """The co-workers mentioned in a list right after the counterpart: "@ana, @raj and @li"."""
    if not counterpart or not counterpart.startswith(("@", "<@")):  # a customer: no list
        return ()
    first = next(
        (m for m in _MENTION_FIND.finditer(text) if _mentioned(m.group()) == counterpart), None
    )
    if first is None:
        return ()
    found: list[str] = []
    at = first.end()
    while (listed := _LISTED.match(text, at)) is not None:
        mention = _mentioned(listed.group("mention"))
        if mention and mention != counterpart and mention not in found:
            found.append(mention)
        at = listed.end()
    return tuple(found)


def _receiving(text: str) -> str | None:
    """A customer something is given to or done for: "to Acme", "send Globex the quote"."""
    for customer in (*_CUSTOMER.finditer(text), *_CUSTOMER_OBJECT.finditer(text)):
        words = customer.group("name").split()
        kept: list[str] = []
        for word in words:
            bare = _without_possessive(word).rstrip(".,'!?")
            if bare.lower() in _NOT_A_NAME:
                break
            if bare in _TITLES:  # "Mr. Smith at Acme"
                kept.append(word)
                continue
            kept.append(bare if bare.lower() not in _COMPANY_SUFFIX else word.rstrip(".,!?"))
            if word != bare and bare.lower() not in _COMPANY_SUFFIX:
                break
        if any(_without_possessive(word).lower() in _DAY_WORDS for word in words):
            continue  # "for Independence Day", "for the Valentine's promo": a day, no customer
        name = " ".join(kept).rstrip(".")
        if name and name not in _TITLES and name.lower() not in places():  # "flights to London"
            return name
    return None


def _customer_of(text: str, *, mid_sentence: bool = False) -> str | None:
    """A customer named before what is delivered ("the Acme invoice", "the Carrefour SOW"):
    the name's words up to the first that is jargon; not a place, not an acronym alone (the
    "SAP export", the "VAT return"). `mid_sentence`: not after a sentence's first "The" (in
    "The Messe starts on…" the name is what the sentence is about)."""
    for customer in _CUSTOMER_ATTRIBUTE.finditer(text):
        if mid_sentence and customer.group().startswith("T"):
            continue
        named = customer.group("name").split()
        if any(_without_possessive(word).lower() in _DAY_WORDS for word in named):
            continue  # "the King's Birthday long weekend", "the Republic Day holiday"
        kept: list[str] = []
        for word in named:
            bare = _without_possessive(word.rstrip("."))
            if bare == "of":  # "the Bank of Ireland": the pattern has a name after it
                kept.append(bare)
                continue
            if bare.lower() in _NOT_A_NAME:
                break
            kept.append(bare)
            if bare != word.rstrip("."):
                break
        name = " ".join(kept).removesuffix(" of")
        if not name or name.lower() in places() or (len(kept) == 1 and not name[1:].islower()):
            continue
        return name
    return None
