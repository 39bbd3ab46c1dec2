"""Anchored scanning: try a pattern only where one of its matches can start.

Python's ``re`` tries every alternative of a pattern at every position of the
text. For the engine's big alternations (the figure core, dates, the entity
and topic name lists) that costs far more than the few places a match can
start: a digit, a Chinese numeral, the first letter of a word. ``anchored``
reads a compiled pattern's parse tree, works out the set of characters a match
can begin with (and the negative lookbehind that guards a letter, as in
``(?<![a-z])half``), and builds small "start" patterns that find exactly those
places fast. :class:`AnchoredPattern` then calls ``pattern.match`` at those
places only, which gives the same matches as ``pattern.finditer``: a match can
start nowhere else, and candidates are taken left to right, skipping those
inside the last match, as finditer does.

The analysis is conservative: any construct it does not understand (a
back-reference, a negated class, ``.``, ``\\w``, case folding outside ASCII, a
pattern that can match the empty string) makes it give up, and the pattern is
scanned as before. Where the start set holds unguarded ASCII letters a start
scan would not skip much, so the plain pattern is kept there too; so it is
where letters start words (guarded) but the pattern is no alternation (measured
on English news: a ``\\b``-led date pattern is faster scanned whole).

It reads ``re._parser``, which is private; if that ever moves, ``anchored``
returns the plain pattern and only speed is lost (tests pin the equivalence).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass

from claimtrack.marshal_cache import remembered

try:  # the parser behind re.compile; public as sre_parse before 3.11, deprecated since
    from re import _constants as C  # noqa: N812 - the stdlib's own alias
    from re import _parser
except ImportError:  # pragma: no cover - a Python whose re is laid out differently
    _parser = None

_IGNORECASE = re.IGNORECASE.value
# A class piece of digits only (\d, 0-9, 1): see start_patterns.
_DIGITS_PIECE = re.compile(r"\\d|[0-9](?:-[0-9])?")


# The guard "\\b" stands for: the character before is not a word character.
_WORD_BOUNDARY = r"\w"


class _GiveUp(Exception):
    """The pattern holds something the analysis does not follow."""


@dataclass
class _Starts:
    """First characters: class pieces by the lookbehind class that guards them ("" = none)."""

    pieces: dict[str, set[str]]
    nullable: bool

    @classmethod
    def empty(cls) -> _Starts:
        return cls({}, True)

    def add(self, guard: str, pieces: set[str]) -> None:
        self.pieces.setdefault(guard, set()).update(pieces)

    def merge(self, other: _Starts) -> None:
        for guard, pieces in other.pieces.items():
            self.add(guard, pieces)


def _char(code: int) -> str:
    return re.escape(chr(code))  # escapes "-", "]", "^" and "\\" too


def _class_pieces(items, flags: int) -> set[str]:
    """The pieces of a character class, as text for a new class; unknown parts give up."""
    pieces: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            pieces |= _cased(av, flags)
        elif op is C.RANGE:
            low, high = av
            pieces.add(f"{_char(low)}-{_char(high)}")
            if flags & _IGNORECASE and not (high < ord("A") or low > ord("z")):
                span = chr(low) + chr(high)
                if not (span.isascii() and span.isalpha() and span.islower() != span.isupper()):
                    raise _GiveUp  # only a range of letters of one case is folded here
                pieces.add(f"{_char(ord(span[0].swapcase()))}-{_char(ord(span[1].swapcase()))}")
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            pieces.add(r"\d")
        elif op is C.CATEGORY and av is C.CATEGORY_SPACE:
            pieces.add(r"\s")
        else:
            raise _GiveUp
    return pieces


def _cased(code: int, flags: int) -> set[str]:
    char = chr(code)
    if not flags & _IGNORECASE or char.lower() == char.upper():
        return {_char(code)}
    if not char.isascii():
        raise _GiveUp
    return {_char(ord(char.lower())), _char(ord(char.upper()))}


def _guard(op, av, flags: int) -> str | None:
    """The class of a one-character negative lookbehind, e.g. "a-z" for (?<![a-z])."""
    direction, body = av
    if op is not C.ASSERT_NOT or direction != -1 or len(body.data) != 1:
        return None
    inner_op, inner_av = body.data[0]
    try:
        if inner_op is C.LITERAL:
            return "".join(sorted(_cased(inner_av, flags)))
        if inner_op is C.IN:
            return "".join(sorted(_class_pieces(inner_av, flags)))
    except _GiveUp:
        return None
    return None


def _guarded(guard: str, pieces: set[str]) -> _Starts:
    """First characters under a guard; \\b guards only word characters (before "\\b." the
    character is a word character, so those pieces go unguarded)."""
    if guard != _WORD_BOUNDARY:
        return _Starts({guard: pieces}, False)
    word = {p for p in pieces if re.fullmatch(r"\\d|[A-Za-z0-9]-[A-Za-z0-9]|[A-Za-z0-9]", p)}
    starts = _Starts({}, False)
    starts.add(guard, word)
    if pieces - word:
        starts.add("", pieces - word)
    return starts


def _sequence(items, flags: int, guard: str = "") -> _Starts:
    """The first characters of a sequence of parsed items."""
    starts = _Starts({}, False)
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            if op is C.ASSERT_NOT:
                guard = _guard(op, av, flags) or guard
            elif op is C.AT and av is C.AT_BOUNDARY and not guard:
                guard = _WORD_BOUNDARY
            continue  # zero width: what follows is still first
        item = _item(op, av, flags, guard)
        starts.merge(item)
        guard = ""
        if not item.nullable:
            return starts
    starts.nullable = True
    return starts


def _item(op, av, flags: int, guard: str) -> _Starts:
    if op is C.LITERAL:
        return _guarded(guard, _cased(av, flags))
    if op is C.IN:
        if av and av[0][0] is C.NEGATE:
            raise _GiveUp
        return _guarded(guard, _class_pieces(av, flags))
    if op is C.BRANCH:
        starts = _Starts({}, False)
        for alternative in av[1]:
            one = _sequence(alternative, flags, guard)
            starts.merge(one)
            starts.nullable = starts.nullable or one.nullable
        return starts
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        return _sequence(body, (flags | add_flags) & ~del_flags, guard)
    if op is C.ATOMIC_GROUP:
        return _sequence(av, flags, guard)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, body = av
        starts = _sequence(body, flags, guard)
        starts.nullable = starts.nullable or low == 0
        return starts
    raise _GiveUp


def _parsed(pattern: re.Pattern):
    """The parse tree re.compile built the pattern from, or None."""
    if _parser is None or not isinstance(pattern.pattern, str):
        return None
    try:
        return _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, AttributeError, TypeError, ValueError):
        return None


def start_patterns(pattern: re.Pattern, parsed=None) -> list[re.Pattern] | None:
    """Patterns that find every place a match of ``pattern`` can start, or None."""
    parsed = parsed or _parsed(pattern)
    if parsed is None:
        return None
    try:
        starts = _sequence(parsed.data, parsed.state.flags)
    except (_GiveUp, AttributeError, TypeError, ValueError):
        return None
    if starts.nullable or not starts.pieces or _scanned_by_prefix(
            parsed.data, parsed.state.flags):
        return None
    # A guard pays for letters (one candidate per word otherwise) and digits (one
    # per digit of a run otherwise: image URLs and ids hold long ones, and "\b\d{4}s"
    # or "(?<![\d.])\d{2}年" can start only at a run's first digit); the rest are
    # scanned faster by a plain character class.
    plain = set(starts.pieces.pop("", ()))
    for guard, pieces in list(starts.pieces.items()):
        letters = {piece for piece in pieces
                   if _has_letter({piece}) or _DIGITS_PIECE.fullmatch(piece)}
        plain |= pieces - letters
        if letters:
            starts.pieces[guard] = letters
        else:
            del starts.pieces[guard]
    plain_following = None
    if plain and _matches_any(plain, string.ascii_letters + " \t"):
        # Any letter or space would be a candidate: no faster than the pattern, unless
        # each letter starts one of a few words told apart by their first three letters
        # ((?i:said|told) → s, S, t, T before "ai", "ol"; re tries such a pattern at
        # every position, finding no first character to skip to).
        plain_following = _plain_words(parsed, plain)
        if plain_following is None:
            return None
    if starts.pieces and not _alternation(parsed.data) and _letters(
            set().union(*starts.pieces.values())) > _FEW_LETTERS:
        # Every word start could be a candidate; that pays only where the pattern
        # is an alternation the engine would otherwise try branch by branch, or
        # where few letters start a match: re tries a \b-led pattern at every
        # position (it finds no first character to skip to), so "\b[Qq]\d" or
        # "(on )?\b(Monday|...)" is faster from its starts, "\b(in|of|by|...) \d{4}"
        # is not (measured on English news).
        return None
    groups = [("", plain), *sorted(starts.pieces.items())] if plain else sorted(
        starts.pieces.items())
    found = []
    for guard, pieces in groups:
        # Words need their third letter to be told apart (the, they, that / three);
        # numerals and punctuation their second.
        try:
            following = plain_following if not guard and plain_following else _continuations(
                parsed.data, parsed.state.flags, 3 if guard else 2)
        except _GiveUp:
            following = {}
        found.append(re.compile(_start_source(guard, pieces, following)))
    return found


def _plain_words(parsed, plain: set[str]) -> dict[str, set[_Continuation] | None] | None:
    """The continuations of unguarded first letters, when few letters (no range, no space)
    start a match and each is always followed by two more letters; else None."""
    letters = {piece for piece in plain if _has_letter({piece})}
    if _matches_any(plain, " \t") or any(len(piece) != 1 for piece in letters) or \
            len(letters) > _FEW_LETTERS:
        return None
    try:
        following = _continuations(parsed.data, parsed.state.flags, 3)
    except _GiveUp:
        return None
    for letter in letters:
        continuations = following.get(letter)
        if not continuations or any(
                len(continuation) != 2 or any(
                    not piece.isalpha() or len(piece) != 1 for cls in continuation for piece in cls)
                for continuation in continuations):
            return None
    return following


# --- start patterns ------------------------------------------------------------
#
# A start is one character of a class, checked by lookarounds: for each character,
# its guard (the character before must not be a letter) and what may follow it
# (一 starts a figure only before 十, 百, 万...; most English words begin with a
# letter a number word begins with, so the next letters, "twe", "thr", "hun",
# are what keep word starts few). The class comes first so that re skips ahead to
# the next such character by itself (a lookbehind first would be tried at every
# position); the guard is checked next, as it fails at once inside words. Letters
# under a guard get a pattern of their own, so that Chinese text is not stopped at
# every letter's checks nor English text at every numeral's. A start pattern
# matches one character only, so that no start hides the next.

_Continuation = tuple[frozenset[str], ...]


def _start_source(guard: str, pieces: set[str],
                  following: dict[str, set[_Continuation] | None]) -> str:
    checks: dict[str | None, set[str]] = {}
    for piece in pieces:
        checks.setdefault(_lookahead(following.get(piece)), set()).add(piece)
    start = _class(pieces) + (rf"(?<![{guard}][\s\S])" if guard else "")
    if len(checks) == 1:  # the class already says which character this is
        (lookahead,) = checks
        return start + (lookahead or "")
    branches = [f"(?<={_class(firsts)})" + (lookahead or "")
                for lookahead, firsts in sorted(checks.items(), key=lambda c: c[0] or "")]
    return start + "(?:" + "|".join(branches) + ")"


def _lookahead(continuations: set[_Continuation] | None) -> str | None:
    """What must follow a first character, as a lookahead (None: anything may)."""
    if not continuations:
        return None
    if all(len(c) == 1 for c in continuations):
        return f"(?={_class(set().union(*(c[0] for c in continuations)))})"
    return "(?=" + "|".join(sorted("".join(_class(cls) for cls in c)
                                   for c in continuations)) + ")"


def _continuations(items, flags: int, limit: int) -> dict[str, set[_Continuation] | None]:
    """For each first-character piece, the classes that may come next, up to ``limit``
    characters in all (None: anything, where the match may end or the analysis stops)."""
    found: dict[str, set[_Continuation] | None] = {}
    for prefix, _open in _prefixes(items, flags, limit):
        if not prefix:
            raise _GiveUp  # a match may be empty
        rest = prefix[1:]
        for piece in prefix[0]:
            if not rest or piece in found and found[piece] is None:
                found[piece] = None
            else:
                found.setdefault(piece, set()).add(rest)
    return found


_Prefix = tuple[frozenset[str], ...]
_MAX_PREFIXES = 5000


def _prefixes(items, flags: int, limit: int = 2) -> set[tuple[_Prefix, bool]]:
    """The first ``limit`` character classes a match of ``items`` may begin with, each with
    whether it is all the items consume (so that what follows the items comes next)."""
    paths: set[tuple[_Prefix, bool]] = {((), True)}
    for op, av in items:
        if not any(open_ for _prefix, open_ in paths):
            break  # every prefix is complete: what follows (a \w, say) need not be followed
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        item = _item_prefixes(op, av, flags, limit)
        following: set[tuple[_Prefix, bool]] = set()
        for prefix, open_ in paths:
            if not open_:
                following.add((prefix, False))
                continue
            for more, more_open in item:
                combined = (prefix + more)[:limit]
                following.add((combined, more_open and len(combined) < limit))
        paths = following
        if len(paths) > _MAX_PREFIXES:
            raise _GiveUp
    return paths


def _item_prefixes(op, av, flags: int, limit: int) -> set[tuple[_Prefix, bool]]:
    if op is C.LITERAL:
        return {((frozenset(_cased(av, flags)),), True)}
    if op is C.IN:
        if av and av[0][0] is C.NEGATE:
            raise _GiveUp
        return {((frozenset(_class_pieces(av, flags)),), True)}
    if op is C.BRANCH:
        return {path for alternative in av[1] for path in _prefixes(alternative, flags, limit)}
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        return _prefixes(body, (flags | add_flags) & ~del_flags, limit)
    if op is C.ATOMIC_GROUP:
        return _prefixes(av, flags, limit)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, body = av
        once = _prefixes(body, flags, limit)
        # After one round another may follow: stop the prefix there unless it cannot.
        paths = once if high == 1 else {(prefix, False) for prefix, _open in once}
        return paths | {((), True)} if low == 0 else paths
    raise _GiveUp


def _class(pieces) -> str:
    return "[" + "".join(sorted(pieces)) + "]"


def _matches_any(pieces, chars: str) -> bool:
    return re.search(_class(pieces), chars) is not None


# At most this many letters starting a match keep start patterns worth their checks.
_FEW_LETTERS = 8


def _letters(pieces) -> int:
    """How many ASCII letters a class of pieces holds."""
    return len(re.findall(_class(pieces), string.ascii_letters))


def _has_letter(pieces) -> bool:
    return _matches_any(pieces, string.ascii_letters)


def _unwrapped(items):
    """The items of a pattern, through the groups that wrap all of it."""
    while len(items) == 1 and items[0][0] is C.SUBPATTERN:
        items = items[0][1][3]
    return items


def _alternation(items) -> bool:
    items = _unwrapped(items)
    return bool(items) and items[0][0] is C.BRANCH


def _scanned_by_prefix(items, flags: int = 0) -> bool:
    """Whether re itself skips ahead to the pattern's first character (a literal, a class,
    or an alternation of literals), which no start pattern would beat. A letter under
    IGNORECASE is no literal to re's prefix analysis ((?i:said|told) is tried everywhere)."""
    while items and items[0][0] is C.SUBPATTERN:  # as re's own prefix analysis does
        _group, add_flags, del_flags, items = items[0][1]
        flags = (flags | add_flags) & ~del_flags

    def literal(op, av) -> bool:
        return op is C.LITERAL and not (
            flags & _IGNORECASE and chr(av).lower() != chr(av).upper())

    if not items:
        return False
    op, av = items[0]
    if op is C.IN or literal(op, av):
        return True
    return op is C.BRANCH and all(alt and literal(*alt[0]) for alt in av[1])


def required_text(pattern: re.Pattern, parsed=None, words: bool = True) -> re.Pattern | None:
    """A pattern for what every match holds, or None: a character that is not a letter,
    digit or space (those are everywhere), e.g. "@" in an e-mail address or 年 in a
    Chinese date, else one of the words of an alternation no match can do without
    (表示|称|说 in an attribution), by their first two characters; failing all these,
    one of a list of plain words of three letters or more (said|told|wrote), by their
    first three letters: rare in Chinese text, where such a pattern is costliest (not
    when ``words`` is False: English text holds them often, and a pattern with start
    patterns is cheap enough without)."""
    parsed = parsed or _parsed(pattern)
    if parsed is None:
        return None
    try:
        found, listed = _required(parsed.data, parsed.state.flags)
    except (_GiveUp, AttributeError, TypeError, ValueError):
        return None
    source = found or (listed if words else None)
    return None if source is None else re.compile(source)


def required_literal(pattern: re.Pattern, parsed=None) -> str | None:
    """The longest run of two or more characters every match holds as written, or None:
    consecutive literal characters at the top level of the pattern, case-sensitive
    (", " in "(?P<who>…), …"). str.find looks for it faster than any pattern: a span
    without it holds no match."""
    parsed = parsed or _parsed(pattern)
    if parsed is None or parsed.state.flags & _IGNORECASE:
        return None
    best = run = ""
    try:
        for op, av in parsed.data:
            if op is C.LITERAL:
                run += chr(av)
                best = max(best, run, key=len)
            else:
                run = ""
    except (AttributeError, TypeError, ValueError):
        return None
    return best if len(best) >= 2 else None


def _required(items, flags: int) -> tuple[str | None, str | None]:
    """(what every match of ``items`` holds, else None; an alternation of plain words every
    match holds one of, to search for only when nothing rarer is found, else None)."""
    run = ""  # consecutive letters every match holds: a word like "quarter" is rare enough
    words = None  # said|told|...: letters, but not everywhere as whole words
    for op, av in items:
        found = None
        if op is C.LITERAL and not flags & _IGNORECASE:
            char = chr(av)
            if not _everywhere(char):
                return re.escape(char), None
            run += char
            continue
        if len(run) >= _RARE_WORD:
            return re.escape(run), None
        run = ""
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, _high, body = av
            found, inner = _required(body, flags) if low >= 1 else (None, None)
            words = words or inner
        elif op is C.SUBPATTERN:
            found, inner = _required(av[3], (flags | av[1]) & ~av[2])
            words = words or inner
        elif op is C.BRANCH:
            try:
                found = _any_of(_item_prefixes(op, av, flags, 2))
                if found is None and words is None:
                    words = _any_word_of(_item_prefixes(op, av, flags, _WORD_PREFIX))
            except _GiveUp:  # (?P<who>《...》|[^，]{2,12}?): an item of no use; later ones may be
                found = None
        if found is not None:
            return found, None
    return (re.escape(run), None) if len(run) >= _RARE_WORD else (None, words)


# A run of this many letters every match holds is worth searching for first.
_RARE_WORD = 4


# Words of at least this many letters (said, told, argued) are worth a search first
# where the pattern would otherwise be tried at every capital letter.
_WORD_PREFIX = 3


def _any_word_of(prefixes: set[tuple[_Prefix, bool]]) -> str | None:
    """The words of an alternation of plain words, each by its first three letters, when
    none is shorter (said|says|told|...: found only where one of them is written)."""
    words = set()
    for prefix, _open in prefixes:
        if len(prefix) < _WORD_PREFIX:
            return None
        letters = []
        for cls in prefix:  # a letter, or a letter in either case ((?i:data) → [Dd][Aa][Tt])
            if not all(len(piece) == 1 and piece.isascii() and piece.isalpha() for piece in cls) \
                    or len({piece.lower() for piece in cls}) != 1:
                return None
            letters.append(_class(cls) if len(cls) > 1 else next(iter(cls)))
        rest = "".join(letters[1:])
        # Each alternative led by a plain letter (D[Aa][Tt]|d[Aa][Tt]), so that re skips
        # ahead to the next first letter by itself.
        words.update(first + rest for first in prefix[0])
    return "|".join(sorted(words))


def _everywhere(char: str) -> bool:
    """Lower-case letters, digits and spaces: found in nearly any span of news text
    (capitals, punctuation and Chinese characters are not)."""
    return char.isascii() and (char.islower() or char.isdigit()) or char.isspace()


def _any_of(prefixes: set[tuple[_Prefix, bool]]) -> str | None:
    """The prefixes as one alternation, unless one may be empty or start with a common
    character (then it would be found everywhere)."""
    branches = set()
    for prefix, _open in prefixes:
        if not prefix or any(len(piece) > 1 or _everywhere(piece) for piece in prefix[0]):
            return None
        branches.add("".join(_class(cls) if len(cls) > 1 or any(len(p) > 1 for p in cls)
                             else re.escape(next(iter(cls))) for cls in prefix))
    return "|".join(sorted(branches))


class AnchoredPattern:
    """A compiled pattern whose finditer looks only where a match can be.

    It skips a span that lacks a character every match holds (``required``) and,
    given start patterns, tries the pattern only where a match can start; search is
    the first of those matches. match and pattern are the wrapped pattern's.
    """

    def __init__(self, pattern: re.Pattern, starts: list[re.Pattern] | None,
                 required: re.Pattern | None = None, literal: str | None = None) -> None:
        self.wrapped = pattern
        self.starts = starts
        self.required = required
        self.literal = literal  # what every match holds as written (required_literal)
        self.match = pattern.match
        self.pattern = pattern.pattern
        # Each start pattern matches one character, so their alternation finds every
        # place any of them finds, in order, in one scan (no merging of several).
        self._start = None if starts is None else starts[0] if len(starts) == 1 else re.compile(
            "|".join(f"(?:{start.pattern})" for start in starts))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """The first match from ``pos`` on, as pattern.search finds it."""
        endpos = len(text) if endpos is None else endpos
        if self.literal is not None and text.find(self.literal, pos, endpos) < 0:
            return None
        if self.required is not None and self.required.search(text, pos, endpos) is None:
            return None
        if self._start is None:
            return self.wrapped.search(text, pos, endpos)
        match, start = self.wrapped.match, self._start.search
        while (candidate := start(text, pos, endpos)) is not None:
            found = match(text, candidate.start(), endpos)
            if found is not None:
                return found
            pos = candidate.end()
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        endpos = len(text) if endpos is None else endpos
        if self.literal is not None and text.find(self.literal, pos, endpos) < 0:
            return iter(())
        if self.required is not None and self.required.search(text, pos, endpos) is None:
            return iter(())
        if self.starts is None:
            return self.wrapped.finditer(text, pos, endpos)
        return self._anchored(text, pos, endpos)

    def _anchored(self, text: str, pos: int, endpos: int) -> Iterator[re.Match]:
        match, start = self.wrapped.match, self._start.search
        # From each match's end, the next start: finditer skips the starts inside a match.
        while (candidate := start(text, pos, endpos)) is not None:
            found = match(text, candidate.start(), endpos)
            if found is None:
                pos = candidate.end()
            else:
                pos = found.end()
                yield found

    def __repr__(self) -> str:
        required = self.required and self.required.pattern
        return (f"AnchoredPattern({self.pattern[:40]!r}…, starts={self.starts and len(self.starts)}"
                f", required={required!r})")


def anchored(pattern: re.Pattern) -> re.Pattern | AnchoredPattern:
    """``pattern`` with a narrowed finditer where the analysis allows, else itself.

    The analysis is kept across processes while the grammar is built
    (claimtrack.marshal_cache.remembering)."""
    starts, required, literal = remembered(
        "anchored", f"{pattern.flags}\0{pattern.pattern}", lambda: _analyse(pattern))
    if starts is None and required is None:
        return pattern
    return AnchoredPattern(
        pattern, None if starts is None else [re.compile(*start) for start in starts],
        None if required is None else re.compile(*required), literal)


def _analyse(pattern: re.Pattern) -> tuple:
    """anchored's findings as marshal keeps them: the start patterns' and the required
    text's (pattern, flags), and the required literal."""
    parsed = _parsed(pattern)
    starts = start_patterns(pattern, parsed)
    # A pattern re scans by its first characters finds its own way; a gate would add a scan.
    required = None if parsed is None or _scanned_by_prefix(
        parsed.data, parsed.state.flags) else required_text(
        pattern, parsed, words=starts is None)
    if starts is None and required is None:
        return None, None, None
    return (None if starts is None else tuple((s.pattern, s.flags) for s in starts),
            None if required is None else (required.pattern, required.flags),
            required_literal(pattern, parsed))
