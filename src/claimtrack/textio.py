"""Turning an article file's bytes into text, or into an error that says why not.

Reads UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark,
and the legacy Chinese encodings GB18030 (which contains GBK and GB2312) and
Big5. The text comes back exactly as decoded, line endings included, less any
byte-order mark: claim offsets index into it. Every step runs at C speed over
the whole file or looks at a bounded sample, so a 50 MB file is fine.
"""

from __future__ import annotations

import codecs
from collections import Counter

from claimtrack.errors import BinaryFileError, EmptyFileError, TextDecodingError
from claimtrack.lang.hanzi import common_hanzi

# Share of control bytes (other than tab, newline, carriage return, form feed)
# in the first BINARY_PROBE bytes above which a file is taken as binary data.
BINARY_PROBE = 8192
MAX_CONTROL_SHARE = 0.30
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)

# Bytes either side of the first invalid UTF-8 byte examined to tell damaged
# UTF-8 (valid multi-byte characters around the error) from a legacy encoding.
UTF8_EVIDENCE_WINDOW = 4096

# Characters of a decoded legacy file scored for plausibility (from its start and middle).
SCORE_SAMPLE = 20_000
# A legacy decoding with at least this many non-ASCII characters in its sample
# must find at least this share of them plausible, or the bytes are some other
# encoding (Japanese or Korean read as GB18030 score about 0.1-0.35; real
# Chinese about 0.95 over an article, 0.6 and up on a single short line).
MIN_SCORED_CHARACTERS = 20
MIN_PLAUSIBLE_SHARE = 0.5
# Punctuation and symbols common in Chinese text in either script.
_CHINESE_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉【】「」『』…—·～％")

# Legacy encodings, each with the codecs tried in turn (the first that decodes
# the whole file wins): Big5 as published, then its HKSCS and Microsoft (cp950,
# adds €) supersets, which read files plain Big5 rejects.
_LEGACY_CODECS: dict[str, tuple[str, ...]] = {
    "gb18030": ("gb18030",),
    "big5": ("big5", "big5hkscs", "cp950"),
}


def decode_text(data: bytes, *, path: str) -> tuple[str, str]:
    r"""Decode a file's bytes: decode_text(b"\xd6\xd0\xce\xc4", path=p) == ("中文", "gb18030").

    Returns (text, encoding), encoding one of "utf-8", "utf-8-sig", "utf-16",
    "gb18030", "big5". Raises BinaryFileError, EmptyFileError or
    TextDecodingError naming the path (and byte offset where there is one).
    """
    if data.startswith(codecs.BOM_UTF8):
        _reject_binary(data, path, start=len(codecs.BOM_UTF8))
        text = _decode_utf8(data, path, start=len(codecs.BOM_UTF8))
        return _require_text(text, path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _require_text(_decode_utf16(data, path), path), "utf-16"
    _reject_binary(data, path)
    try:
        return _require_text(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError as error:
        if _is_damaged_utf8(data, error):
            raise _utf8_error(data, error, path, start=0) from None
        first_non_utf8 = error.start
    text, encoding = _decode_legacy(data, path, first_non_utf8=first_non_utf8)
    return _require_text(text, path), encoding


def _reject_binary(data: bytes, path: str, *, start: int = 0) -> None:
    """Raise BinaryFileError for a NUL byte anywhere or mostly control bytes at the start."""
    nul = data.find(b"\x00", start)
    if nul >= 0:
        raise BinaryFileError(path, f"binary file (NUL bytes at byte {nul})", offset=nul)
    probe = data[start : start + BINARY_PROBE]
    # Deleting every other byte leaves the control bytes, counted at C speed.
    controls = len(probe.translate(None, _NOT_CONTROL_BYTES))
    if probe and controls > MAX_CONTROL_SHARE * len(probe):
        share = round(100 * controls / len(probe))
        raise BinaryFileError(
            path, f"binary file ({share}% control bytes in the first {len(probe)} bytes)"
        )


def _require_text(text: str, path: str) -> str:
    """The text itself, or EmptyFileError when it is empty or only whitespace."""
    if not text:
        raise EmptyFileError(path, "empty file")
    if text.isspace():
        raise EmptyFileError(path, "empty file (only whitespace)")
    return text


def _decode_utf8(data: bytes, path: str, *, start: int) -> str:
    """Strict UTF-8 from byte `start` on; errors name the offset in the whole file."""
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        raise _utf8_error(data[start:], error, path, start=start) from None


def _utf8_error(
    data: bytes, error: UnicodeDecodeError, path: str, *, start: int
) -> TextDecodingError:
    offset = start + error.start
    if _is_truncated(data, error):
        reason = f"truncated UTF-8 at byte {offset} (file cut mid-character)"
    else:
        reason = f"invalid UTF-8 at byte {offset}"
    return TextDecodingError(path, reason, offset=offset)


def _is_truncated(data: bytes, error: UnicodeDecodeError) -> bool:
    """Whether the decoding error is an incomplete character at the very end of the data."""
    return error.end == len(data) and error.reason == "unexpected end of data"


def _is_damaged_utf8(data: bytes, error: UnicodeDecodeError) -> bool:
    """Whether bytes that fail strict UTF-8 are UTF-8 with corrupt or truncated bytes.

    True when the failure is a character cut off at the very end, or when the
    bytes around the first error hold more valid multi-byte UTF-8 characters
    than invalid sequences. Text in GB18030 or Big5 fails almost every
    multi-byte character, although its first one can pass by chance.
    """
    if _is_truncated(data, error):
        return True
    window = data[max(0, error.start - UTF8_EVIDENCE_WINDOW) : error.start + UTF8_EVIDENCE_WINDOW]
    decoded = window.decode("utf-8", errors="replace")
    invalid = decoded.count("\ufffd")
    valid_multibyte = sum(not char.isascii() for char in decoded) - invalid
    return valid_multibyte > invalid


def _decode_utf16(data: bytes, path: str) -> str:
    """Strict UTF-16 after its byte-order mark; a NUL character means binary data."""
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as error:
        offset = error.start
        if error.end == len(data) and error.reason in ("truncated data", "unexpected end of data"):
            reason = f"truncated UTF-16 at byte {offset} (file cut mid-character)"
        else:
            reason = f"invalid UTF-16 at byte {offset}"
        raise TextDecodingError(path, reason, offset=offset) from None
    nul = text.find("\x00")
    if nul >= 0:
        offset = len(codecs.BOM_UTF16) + len(text[:nul].encode("utf-16-le"))
        raise BinaryFileError(path, f"binary file (NUL character at byte {offset})", offset=offset)
    return text


def _decode_legacy(data: bytes, path: str, *, first_non_utf8: int) -> tuple[str, str]:
    """Decode as GB18030 or Big5, whichever reads as the more plausible Chinese.

    Errors point at the first byte that is not UTF-8 (first_non_utf8).
    """
    decodings: dict[str, str] = {}
    for encoding, codec_names in _LEGACY_CODECS.items():
        for codec_name in codec_names:
            try:
                decodings[encoding] = data.decode(codec_name)
                break
            except UnicodeDecodeError:
                continue
    scores = {encoding: _plausibility(text) for encoding, text in decodings.items()}
    # Highest share wins; on a tie GB18030, listed first, stays (max keeps the first).
    best = max(scores, key=lambda encoding: scores[encoding][0], default=None)
    if best is None:
        raise TextDecodingError(path, "not UTF-8, GB18030 or Big5 text", offset=first_non_utf8)
    share, scored = scores[best]
    if scored >= MIN_SCORED_CHARACTERS and share < MIN_PLAUSIBLE_SHARE:
        raise TextDecodingError(
            path,
            f"not UTF-8, GB18030 or Big5 text (read as {best}, only {share:.0%} of its "
            "non-ASCII characters are common Chinese)",
            offset=first_non_utf8,
        )
    return decodings[best], best


def _plausibility(text: str) -> tuple[float, int]:
    """(Share of plausible Chinese, count scored) among the non-ASCII characters of a sample.

    Plausible: one of the ~1500 most frequent characters (either script), common
    Chinese punctuation, or a full-width form. A wrong legacy decoding turns
    the same bytes into rare characters, kana, symbols and private-use code
    points instead. Looks at the start and middle of the text only.
    """
    sample = text[:SCORE_SAMPLE]
    if len(text) > 2 * SCORE_SAMPLE:
        middle = len(text) // 2
        sample += text[middle : middle + SCORE_SAMPLE // 2]
    counts = Counter(sample)
    common = common_hanzi()
    scored = plausible = 0
    for char, count in counts.items():
        if char.isascii() or char.isspace():
            continue
        scored += count
        if char in common or char in _CHINESE_PUNCTUATION or "\uff01" <= char <= "\uff5e":
            plausible += count
    return (plausible / scored if scored else 0.0), scored
