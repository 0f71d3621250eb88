"""Finding texts in Vietnamese and English: what is wrong, then how to fix it."""

from __future__ import annotations

from typing import Any, NamedTuple


class Text(NamedTuple):
    vi: str
    en: str
    hint_vi: str
    hint_en: str


# Each code: message and hint, Vietnamese first. {placeholders} come from the finding's args.
CATALOGUE: dict[str, Text] = {
    "XL001": Text(
        "tệp không phải UTF-8 (có thể là {guess})",
        "file is not UTF-8 (it may be {guess})",
        "mở tệp trong trình soạn thảo, chọn lưu với mã hoá UTF-8",
        "open the file in an editor and save it as UTF-8",
    ),
    "XL002": Text(
        "tệp trống",
        "file is empty",
        "viết nội dung trang, hoặc xoá tệp nếu không cần",
        "write the page, or delete the file if it is not needed",
    ),
    "XL003": Text(
        "phần đầu trang (front matter) không đọc được: {problem}",
        "front matter cannot be read: {problem}",
        "kiểm tra dấu hai chấm, thụt lề và dấu ngoặc kép; phần đầu nằm giữa hai dòng ---",
        "check colons, indentation and quotes; front matter sits between two --- lines",
    ),
    "XL004": Text(
        "phần đầu trang phải là các cặp khoá: giá trị",
        "front matter must be key: value pairs",
        "viết mỗi dòng dạng `title: Tên trang`",
        "write each line as `title: Page title`",
    ),
    "XL005": Text(
        "thiếu `title` trong phần đầu trang",
        "front matter has no `title`",
        "thêm dòng `title: …` giữa hai dòng ---",
        "add a `title: …` line between the two --- lines",
    ),
    "XL006": Text(
        "có dấu BOM ở đầu tệp",
        "file starts with a byte-order mark",
        "lưu lại tệp dạng UTF-8 không có BOM",
        "save the file again as UTF-8 without BOM",
    ),
    "XL010": Text(
        "chưa có bản dịch {lang} của {source}",
        "{lang} translation of {source} is missing",
        "dịch trang, hoặc tạo bằng `xulang new`; bản xem trước tạm hiện trang tiếng Việt",
        "translate the page, or create it with `xulang new`; the preview shows the Vietnamese page meanwhile",
    ),
    "XL011": Text(
        "trang dịch không có bản gốc tiếng Việt {source}",
        "translation has no Vietnamese source {source}",
        "đổi tên cho khớp với trang trong content/vi/, hoặc xoá trang thừa",
        "rename it to match a page in content/vi/, or remove the stray page",
    ),
    "XL012": Text(
        "tệp nằm ngoài các thư mục ngôn ngữ ({folders})",
        "file is outside the language folders ({folders})",
        "đặt trang vào content/vi/, content/en/ hoặc content/zh/; tệp dùng chung vào content/assets/",
        "put pages under content/vi/, content/en/ or content/zh/; shared files under content/assets/",
    ),
    "XL020": Text(
        "dữ liệu không đọc được: {problem}",
        "data cannot be read: {problem}",
        "kiểm tra dấu hai chấm, thụt lề và dấu ngoặc kép ở dòng này",
        "check colons, indentation and quotes on this line",
    ),
    "XL021": Text(
        "không có dữ liệu `{name}`",
        "no data named `{name}`",
        "xem tên đúng trong thư mục data/",
        "look up the right name in data/",
    ),
    "XL022": Text(
        "dữ liệu `{name}` chưa được xác minh nên không được đăng",
        "data `{name}` is not verified and cannot be published",
        "xác minh nguồn rồi đặt `verified: true`, hoặc bỏ số liệu khỏi trang",
        "verify the source and set `verified: true`, or take the figure off the page",
    ),
    "XL023": Text(
        "lỗi cú pháp mẫu: {problem}",
        "template syntax error: {problem}",
        "mỗi `{{{{` phải đóng bằng `}}}}`, mỗi `{{%` bằng `%}}`",
        "every `{{{{` needs a closing `}}}}`, every `{{%` a closing `%}}`",
    ),
    "XL024": Text(
        "thuật ngữ `{name}` chưa có dạng {lang}",
        "term `{name}` has no {lang} form",
        "bổ sung dạng {lang} vào data/glossary.yml",
        "add the {lang} form to data/glossary.yml",
    ),
    "XL025": Text(
        "không dùng được giá trị `{name}`: {problem}",
        "value `{name}` cannot be used: {problem}",
        "xem định dạng dữ liệu trong docs/",
        "see the data format in docs/",
    ),
}


def _pick(code: str, lang: str, hint: bool) -> str:
    text = CATALOGUE[code]
    if lang == "en":
        return text.hint_en if hint else text.en
    return text.hint_vi if hint else text.vi


def render(code: str, lang: str, args: dict[str, Any]) -> str:
    return _pick(code, lang, hint=False).format(**args)


def hint(code: str, lang: str, args: dict[str, Any]) -> str:
    return _pick(code, lang, hint=True).format(**args)
