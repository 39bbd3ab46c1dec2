"""decode_text on real article bytes: the seed articles in every encoding claimtrack reads,
and the damaged, binary and empty files it must refuse with a precise reason."""

from __future__ import annotations

import codecs
import random
import zlib
from pathlib import Path

import pytest

from claimtrack.errors import BinaryFileError, EmptyFileError, InputError, TextDecodingError
from claimtrack.textio import decode_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SIMPLIFIED_SEEDS = [
    "000_2a557d286c989814.txt",
    "001_5eb663435797013a.txt",
    "002_a30d2c9fff7fa017.txt",
    "004_130b86545e55295d.txt",  # opens with YAML front matter
]
TRADITIONAL_SEED = "003_34b45116da6dbc12.txt"
ALL_SEEDS = [*SIMPLIFIED_SEEDS, TRADITIONAL_SEED]


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def big5_ready(text: str) -> str:
    """Seed 003 as a Big5 file would hold it.

    Seed 003 writes 税, 脱 and 説, Japanese-style variants that neither Big5 nor
    Big5-HKSCS can encode; we deliberately swap in the standard Traditional
    forms 稅, 脫 and 說. It also uses 裏, 峯, 羣 and 着, which only Big5-HKSCS
    has, so the whole article is encoded with big5hkscs (a superset of Big5).
    """
    return text.replace("税", "稅").replace("脱", "脫").replace("説", "說")


def decode_file(tmp_path: Path, name: str, data: bytes) -> tuple[str, str]:
    """Write the bytes to a real file and decode what is read back, as ingest does."""
    path = tmp_path / name
    path.write_bytes(data)
    return decode_text(path.read_bytes(), path=str(path))


def refused(tmp_path: Path, name: str, data: bytes, error_class: type[InputError]) -> InputError:
    """The error decode_text raises for these bytes, checked to be of error_class."""
    with pytest.raises(error_class) as caught:
        decode_file(tmp_path, name, data)
    error = caught.value
    assert error.path == str(tmp_path / name)
    assert str(error).startswith(str(tmp_path / name))
    assert "\n" not in str(error) and error.reason[0].islower()
    return error


# --- every seed in every encoding it can be saved in -------------------------------------


@pytest.mark.parametrize("name", ALL_SEEDS)
def test_utf8_seed_is_returned_exactly(tmp_path, name):
    text = seed_text(name)
    assert decode_file(tmp_path, name, text.encode("utf-8")) == (text, "utf-8")


@pytest.mark.parametrize("name", ALL_SEEDS)
def test_utf8_with_bom_loses_only_the_bom(tmp_path, name):
    text = seed_text(name)
    decoded, encoding = decode_file(tmp_path, name, codecs.BOM_UTF8 + text.encode("utf-8"))
    assert (decoded, encoding) == (text, "utf-8-sig")
    assert not decoded.startswith("\ufeff")


@pytest.mark.parametrize("name", ALL_SEEDS)
@pytest.mark.parametrize(
    "data_for",
    [
        lambda text: text.encode("utf-16"),  # the codec writes a BOM in native order
        lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    ],
    ids=["native", "le", "be"],
)
def test_utf16_with_bom(tmp_path, name, data_for):
    text = seed_text(name)
    assert decode_file(tmp_path, name, data_for(text)) == (text, "utf-16")


@pytest.mark.parametrize("name", SIMPLIFIED_SEEDS)
def test_gb18030_simplified_seed(tmp_path, name):
    text = seed_text(name)
    assert decode_file(tmp_path, name, text.encode("gb18030")) == (text, "gb18030")


def test_gb18030_can_hold_traditional_text_too(tmp_path):
    text = seed_text(TRADITIONAL_SEED)
    assert decode_file(tmp_path, "trad-gb.txt", text.encode("gb18030")) == (text, "gb18030")


def test_big5_traditional_seed(tmp_path):
    text = big5_ready(seed_text(TRADITIONAL_SEED))
    data = text.encode("big5hkscs", errors="strict")
    # GB18030 reads these bytes too, as nonsense: the choice is the scorer's.
    assert data.decode("gb18030") != text
    assert decode_file(tmp_path, "bloomberg-big5.txt", data) == (text, "big5")


def test_plain_big5_paragraph(tmp_path):
    [paragraph] = [line for line in seed_text(TRADITIONAL_SEED).splitlines() if "霸權:AI" in line]
    data = paragraph.encode("big5", errors="strict")
    assert decode_file(tmp_path, "para.txt", data) == (paragraph, "big5")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_line_endings_are_kept(tmp_path, encoding):
    text = seed_text("002_a30d2c9fff7fa017.txt").replace("\n", "\r\n")
    assert decode_file(tmp_path, "crlf.txt", text.encode(encoding)) == (text, encoding)


def test_english_text(tmp_path):
    text = (
        "DeepSeek said training V3 took 2.788 million H800 GPU hours, about $5.6 million.\n"
        "Analysts called that figure “misleading”: it leaves out research and earlier runs.\n"
    )
    assert decode_file(tmp_path, "en.txt", text.encode("utf-8")) == (text, "utf-8")


# --- short legacy texts: one sentence is enough -----------------------------------------


def test_short_gb18030_sentence_opening_with_valid_utf8(tmp_path):
    sentence = "确实体验到人工智能大模型一直在不断进步。"
    assert sentence in seed_text("000_2a557d286c989814.txt")
    data = sentence.encode("gb18030")
    assert data[:2].decode("utf-8") == "\u0237"  # 确 is C8 B7 in GB18030: UTF-8 for ȷ
    assert decode_file(tmp_path, "short-gb.txt", data) == (sentence, "gb18030")


@pytest.mark.parametrize(
    "sentence",
    [
        "原来大模型也不一定需要那么高成本、那么多芯片。",
        "这就是我说开源模型无法击败闭源模型的原因。",
    ],
)
def test_short_gb18030_sentence_that_big5_reads_too(tmp_path, sentence):
    assert any(sentence in seed_text(name) for name in SIMPLIFIED_SEEDS)
    data = sentence.encode("gb18030")
    assert data.decode("big5") != sentence  # decodable as Big5 too, wrongly
    assert decode_file(tmp_path, "short-gb.txt", data) == (sentence, "gb18030")


@pytest.mark.parametrize(
    "sentence",
    ["美國科技公司曾斥資數十億打造昂貴AI模型。", "突然間深度求索讓這一切顯得像是浪費金錢。"],
)
def test_short_big5_sentence(tmp_path, sentence):
    assert sentence in seed_text(TRADITIONAL_SEED)
    data = sentence.encode("big5", errors="strict")
    assert data.decode("gb18030") != sentence  # decodable as GB18030 too, wrongly
    assert decode_file(tmp_path, "short-big5.txt", data) == (sentence, "big5")


def test_long_gb18030_article_is_decoded_whole(tmp_path):
    text = seed_text("001_5eb663435797013a.txt") * 2500  # about 25 MB in GB18030
    assert decode_file(tmp_path, "long.txt", text.encode("gb18030")) == (text, "gb18030")


# --- damaged UTF-8 ----------------------------------------------------------------------


def first_three_byte_character(data: bytes, at_least: int) -> int:
    """Offset of the first 3-byte UTF-8 character starting at or after `at_least`."""
    offset = at_least
    while not 0xE0 <= data[offset] <= 0xEF:
        offset += 1
    return offset


def test_truncated_utf8(tmp_path):
    data = seed_text("000_2a557d286c989814.txt").encode("utf-8")
    start = first_three_byte_character(data, len(data) // 2)
    error = refused(tmp_path, "cut.txt", data[: start + 2], TextDecodingError)
    assert error.offset == start
    assert error.reason == f"truncated UTF-8 at byte {start} (file cut mid-character)"
    assert f"byte {start}" in str(error)


def test_corrupt_byte_in_the_middle(tmp_path):
    data = bytearray(seed_text("001_5eb663435797013a.txt").encode("utf-8"))
    start = first_three_byte_character(data, len(data) // 2)
    data[start] = 0xFF
    error = refused(tmp_path, "corrupt.txt", bytes(data), TextDecodingError)
    assert (error.offset, error.reason) == (start, f"invalid UTF-8 at byte {start}")
    assert f"byte {start}" in str(error)


def test_corrupt_byte_after_a_bom_counts_the_bom(tmp_path):
    data = bytearray(codecs.BOM_UTF8 + seed_text(TRADITIONAL_SEED).encode("utf-8"))
    start = first_three_byte_character(data, 1000)
    data[start + 1] = 0x41  # an ASCII byte where a continuation byte belongs
    error = refused(tmp_path, "bom-corrupt.txt", bytes(data), TextDecodingError)
    assert (error.offset, error.reason) == (start, f"invalid UTF-8 at byte {start}")


def test_corrupt_byte_deep_in_a_large_file(tmp_path):
    article = seed_text("004_130b86545e55295d.txt").encode("utf-8")
    data = bytearray(article * 3000)  # about 44 MB, valid up to the damage
    start = first_three_byte_character(data, len(data) - len(article) // 2)
    data[start + 2] = 0x0A
    error = refused(tmp_path, "big.txt", bytes(data), TextDecodingError)
    assert (error.offset, error.reason) == (start, f"invalid UTF-8 at byte {start}")


def test_truncated_utf16(tmp_path):
    data = seed_text("002_a30d2c9fff7fa017.txt").encode("utf-16")
    error = refused(tmp_path, "cut16.txt", data[:-1], TextDecodingError)
    assert error.offset == len(data) - 2
    assert error.reason.startswith("truncated UTF-16")


def test_lone_surrogate_in_utf16(tmp_path):
    text = seed_text("002_a30d2c9fff7fa017.txt")
    head = codecs.BOM_UTF16_LE + text[:100].encode("utf-16-le")
    data = head + b"\x00\xdc" + text[100:].encode("utf-16-le")  # U+DC00 alone
    error = refused(tmp_path, "bad16.txt", data, TextDecodingError)
    assert (error.offset, error.reason) == (len(head), f"invalid UTF-16 at byte {len(head)}")


# --- binary, empty and other encodings -------------------------------------------------


def png_file() -> bytes:
    """A real, minimal 1x1 PNG image followed by random bytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        checksum = zlib.crc32(kind + body).to_bytes(4, "big")
        return len(body).to_bytes(4, "big") + kind + body + checksum

    header = chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0]))
    pixels = chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
    noise = random.Random(7).randbytes(4096)
    return b"\x89PNG\r\n\x1a\n" + header + pixels + chunk(b"IEND", b"") + noise


def test_png_is_binary(tmp_path):
    error = refused(tmp_path, "image.txt", png_file(), BinaryFileError)
    # The first NUL is the high byte of the IHDR chunk's length, right after the signature.
    assert error.offset == 8
    assert error.reason == "binary file (NUL bytes at byte 8)"


def test_nul_bytes_in_a_text_file(tmp_path):
    data = seed_text("000_2a557d286c989814.txt").encode("utf-8")
    damaged = data[:300] + b"\x00\x00\x00" + data[300:]
    error = refused(tmp_path, "nul.txt", damaged, BinaryFileError)
    assert error.offset == 300
    assert "byte 300" in str(error)


def test_nul_character_in_utf16(tmp_path):
    data = codecs.BOM_UTF16_LE + "訓練成本\x00".encode("utf-16-le")
    error = refused(tmp_path, "nul16.txt", data, BinaryFileError)
    assert error.offset == 2 + 8


def test_mostly_control_bytes_is_binary(tmp_path):
    noise = bytes(random.Random(3).randrange(1, 32) for _ in range(2000))
    error = refused(tmp_path, "controls.txt", noise, BinaryFileError)
    assert "control bytes" in error.reason


def test_a_few_control_bytes_are_text(tmp_path):
    text = "第一段\x0c第二段\x1b[0m 彩色终端输出\n"  # a form feed and an ANSI escape
    assert decode_file(tmp_path, "ansi.txt", text.encode("utf-8")) == (text, "utf-8")


@pytest.mark.parametrize(
    "data",
    [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE],
    ids=["empty", "utf8-bom-only", "utf16-bom-only"],
)
def test_empty_file(tmp_path, data):
    error = refused(tmp_path, "empty.txt", data, EmptyFileError)
    assert error.reason == "empty file"


@pytest.mark.parametrize(
    "data",
    [b" \n\t\r\n   \n", "\u3000\u3000\n".encode(), " \n".encode("utf-16"), b"\r\n\x0c\r\n"],
    ids=["ascii", "ideographic-space", "utf16", "form-feed"],
)
def test_whitespace_only_file(tmp_path, data):
    error = refused(tmp_path, "blank.txt", data, EmptyFileError)
    assert error.reason == "empty file (only whitespace)"


def test_latin1_is_not_read(tmp_path):
    data = "Le modèle a coûté 5,6 millions de dollars à entraîner.".encode("latin-1")
    error = refused(tmp_path, "fr.txt", data, TextDecodingError)
    assert error.reason == "not UTF-8, GB18030 or Big5 text"
    assert error.offset == data.index("è".encode("latin-1"))


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            "한국어 문장입니다. 오늘은 날씨가 좋아서 산책을 갔습니다. 서울 타워가 보입니다.",
            "euc_kr",
        ),
        (
            "日本語の文章です。今日は天気がいいので、散歩に行きました。東京タワーが見えます。",
            "shift_jis",
        ),
    ],
)
def test_other_cjk_encodings_are_not_taken_for_chinese(tmp_path, text, encoding):
    data = text.encode(encoding)
    data.decode("gb18030")  # they decode, but as nonsense
    error = refused(tmp_path, "other.txt", data, TextDecodingError)
    assert error.reason.startswith("not UTF-8, GB18030 or Big5 text (read as")
