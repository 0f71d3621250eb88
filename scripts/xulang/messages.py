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
        "mở tệp trong trình soạn thảo, chọn lưu với mã hoá UTF-8; tệp TCVN3 hay VNI thì trước đó "
        "chuyển sang Unicode bằng Unikey Toolkit (Ctrl+Shift+F6)",
        "open the file in an editor and save it as UTF-8; convert a TCVN3 or VNI file to Unicode "
        "with Unikey Toolkit (Ctrl+Shift+F6) first",
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
        "chạy `xulang fix --write`, hoặc lưu lại tệp dạng UTF-8 không có BOM",
        "run `xulang fix --write`, or save the file again as UTF-8 without BOM",
    ),
    "XL007": Text(
        "phần đầu trang (front matter) mở bằng --- nhưng không có dòng --- đóng",
        "front matter opens with --- but has no closing --- line",
        "thêm một dòng chỉ có --- ngay sau dòng cuối của phần đầu (sau `status:` hoặc "
        "`source_commit:`); các kiểm tra khác của tệp chạy lại sau khi sửa",
        "add a line holding only --- right after the last front matter line (after `status:` or "
        "`source_commit:`); the file's other checks run again once it is fixed",
    ),
    "XL010": Text(
        "chưa có bản dịch {lang} của {source}",
        "{lang} translation of {source} is missing",
        "chạy `xulang new {name}` để tạo các bản dịch còn thiếu từ mẫu, rồi dịch; bản xem trước "
        "tạm hiện trang gốc",
        "run `xulang new {name}` to create the missing translations from the template, then "
        "translate; the preview shows the source page meanwhile",
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
        "xem cách ghi số liệu trong docs/huong-dan.md (mục “Số liệu và tên gọi”)",
        "see how facts are written in docs/guide.en.md (“Facts and names live in `data/`”)",
    ),
    "XL026": Text(
        "`{name}` không có tên tiếng Trung",
        "`{name}` has no Chinese form",
        "viết mô tả bằng tiếng Trung, kèm tên tiếng Việt trong ngoặc toàn giác ở lần nhắc đầu tiên, "
        "ví dụ 母山主峰（Phia Po）: {form}",
        "write a Chinese descriptor with the Vietnamese name in full-width parentheses at its first "
        "mention, e.g. 母山主峰（Phia Po）: {form}",
    ),
    "XL027": Text(
        "bảng thuật ngữ, mục `{name}`: {problem}",
        "glossary entry `{name}`: {problem}",
        "zh_basis là attested (kèm zh_source: nơi đã thấy tên này), han-viet, translation hoặc none "
        "(khi đó không ghi zh)",
        "zh_basis is attested (with zh_source: where the form was seen), han-viet, translation or "
        "none (then no zh form)",
    ),
    # -- front matter --------------------------------------------------------------------
    "XL030": Text(
        "thiếu `{key}` trong phần đầu trang",
        "front matter has no `{key}`",
        "thêm dòng `{key}: …`; xem mẫu bằng `xulang new`",
        "add a `{key}: …` line; `xulang new` shows a template",
    ),
    "XL031": Text(
        "`{key}: {value}` không hợp lệ; dùng một trong: {allowed}",
        "`{key}: {value}` is not valid; use one of: {allowed}",
        "sửa giá trị cho đúng danh sách",
        "change the value to one from the list",
    ),
    "XL032": Text(
        "`{key}` khác với bản gốc tiếng Việt ({value} ≠ {source_value})",
        "`{key}` differs from the Vietnamese source ({value} ≠ {source_value})",
        "đặt `{key}` giống bản gốc",
        "set `{key}` as in the source",
    ),
    "XL033": Text(
        "bản dịch chưa ghi phiên bản bản gốc (`source_commit`)",
        "translation does not record its source version (`source_commit`)",
        "chạy `xulang stamp {path}` sau khi dịch xong",
        "run `xulang stamp {path}` once the translation is done",
    ),
    "XL034": Text(
        "`reviewed: {value}` không phải một ngày",
        "`reviewed: {value}` is not a date",
        "viết ngày rà soát dạng năm-tháng-ngày, ví dụ `reviewed: 2026-11-30`",
        "write the review date as year-month-day, e.g. `reviewed: 2026-11-30`",
    ),
    "XL035": Text(
        "trang không có trong menu (`nav:` của mkdocs.yml)",
        "page is not in the menu (`nav:` in mkdocs.yml)",
        "thêm dòng `- {rel}` vào đúng mục trong `nav:` của mkdocs.yml",
        "add a line `- {rel}` under the right section of `nav:` in mkdocs.yml",
    ),
    "XL036": Text(
        "menu (`nav:`) trỏ tới `{rel}` nhưng không có tệp {path}",
        "the menu (`nav:`) lists `{rel}` but there is no file {path}",
        "sửa tên trong `nav:` cho khớp tên tệp{close}, hoặc bỏ dòng này",
        "correct the name in `nav:` to match the file{close}, or remove the line",
    ),
    "XL037": Text(
        "trang còn {count} dòng mẫu của `xulang new` chưa viết: “{text}”",
        "the page still holds {count} line(s) of the `xulang new` template: “{text}”",
        "viết nội dung thay cho dòng mẫu (cả `title:` và tiêu đề `#`), rồi xoá chú thích mẫu",
        "write the text in place of the template line (`title:` and the `#` heading too), then "
        "delete the template comment",
    ),
    # -- structure -----------------------------------------------------------------------
    "XL040": Text(
        "tiêu đề khác bản gốc: bản dịch có {found}, bản gốc có {expected}",
        "headings differ from the source: the translation has {found}, the source {expected}",
        "mỗi tiêu đề của bản gốc cần một tiêu đề cùng cấp, cùng thứ tự",
        "give each source heading one heading of the same level, in the same order",
    ),
    "XL041": Text(
        "mã neo tiêu đề `{{#{value}}}` của bản gốc không có trong bản dịch",
        "heading id `{{#{value}}}` of the source is missing",
        "giữ nguyên mã neo `{{#{value}}}` để liên kết không gãy",
        "keep the id `{{#{value}}}` so that links keep working",
    ),
    "XL042": Text(
        "số {what} khác bản gốc: bản dịch {found}, bản gốc {expected}",
        "number of {what} differs from the source: {found} here, {expected} there",
        "dịch đủ mọi {what} của bản gốc, không thêm không bớt",
        "carry over every {what} of the source, no more and no fewer",
    ),
    "XL043": Text(
        "loại khung ghi chú khác bản gốc: {found} thay vì {expected}",
        "admonition types differ from the source: {found} instead of {expected}",
        "dùng cùng loại khung (note, warning…) như bản gốc",
        "use the same types (note, warning…) as the source",
    ),
    "XL044": Text(
        "liên kết tới `{target}` không có trong bản gốc",
        "link to `{target}` is not in the source",
        "liên kết tới đúng các trang như bản gốc",
        "link to the same pages as the source",
    ),
    "XL045": Text(
        "thiếu liên kết tới `{target}` như bản gốc",
        "link to `{target}` from the source is missing",
        "thêm liên kết tới `{target}`",
        "add the link to `{target}`",
    ),
    "XL046": Text(
        "liên kết `{target}` dẫn sang trang của ngôn ngữ khác",
        "link `{target}` leads to a page of another language",
        "liên kết tới trang cùng ngôn ngữ, ví dụ `../du-lich/mau-son.md`",
        "link to the page of the same language, e.g. `../du-lich/mau-son.md`",
    ),
    "XL047": Text(
        "liên kết `{target}` trỏ tới tệp không có: {path}",
        "link `{target}` points to a file that does not exist: {path}",
        "sửa đường dẫn{close}; đường dẫn tính từ thư mục của trang này, trong cùng ngôn ngữ, "
        "ví dụ `../du-lich/mau-son.md`",
        "correct the path{close}; a path starts from this page's folder, in the same language, "
        "e.g. `../du-lich/mau-son.md`",
    ),
    "XL048": Text(
        "liên kết `{target}`: trang {path} không có mục `#{anchor}`",
        "link `{target}`: the page {path} has no section `#{anchor}`",
        "dùng mã neo của một tiêu đề có thật trong trang đó{known}",
        "use the id of a heading that exists on that page{known}",
    ),
    # -- figures ----------------------------------------------------------------------------
    "XL050": Text(
        "số {value} của bản gốc không có trong bản dịch",
        "figure {value} of the source is missing here",
        "viết cùng số liệu (tốt nhất lấy từ data/ bằng `{{{{ … }}}}`)",
        "give the same figure (best taken from data/ with `{{{{ … }}}}`)",
    ),
    "XL051": Text(
        "số {value} không có trong bản gốc",
        "figure {value} is not in the source",
        "kiểm tra lại số liệu; số liệu phải khớp bản gốc",
        "check the figure; figures must match the source",
    ),
    "XL052": Text(
        "dữ liệu `{value}` dùng ở bản gốc nhưng không có ở bản dịch",
        "data `{value}` used in the source is missing here",
        "dùng cùng biểu thức `{{{{ … }}}}` như bản gốc",
        "use the same `{{{{ … }}}}` expression as the source",
    ),
    "XL053": Text(
        "{what} `{value}` khác bản gốc",
        "{what} `{value}` differs from the source",
        "chép đúng {what} như bản gốc",
        "copy the {what} exactly as in the source",
    ),
    # -- terms ------------------------------------------------------------------------------
    "XL060": Text(
        "bản gốc nói “{source_term}” nhưng bản dịch không dùng tên chuẩn “{approved}”",
        "the source names “{source_term}” but the approved form “{approved}” is not used",
        'dùng tên chuẩn trong data/glossary.yml, hoặc `{{{{ term("{concept}") }}}}`',
        'use the approved name from data/glossary.yml, or `{{{{ term("{concept}") }}}}`',
    ),
    "XL061": Text(
        "“{found}” là cách viết sai; dùng “{approved}”",
        "“{found}” is a wrong form; use “{approved}”",
        "thay bằng “{approved}”",
        "replace it with “{approved}”",
    ),
    # -- language ---------------------------------------------------------------------------
    "XL070": Text(
        "trang vẫn còn là {lang_name}, chưa được dịch",
        "page is still in {lang_name}, not translated",
        "dịch trang sang ngôn ngữ của thư mục",
        "translate the page into its folder's language",
    ),
    "XL071": Text(
        "đoạn văn có vẻ viết bằng {found} trên trang {expected}",
        "paragraph seems to be in {found} on a {expected} page",
        "dịch đoạn này, hoặc chuyển sang đúng trang",
        "translate the paragraph, or move it to the right page",
    ),
    "XL072": Text(
        "chữ phồn thể trên trang tiếng Trung giản thể: {chars}",
        "Traditional characters on a Simplified Chinese page: {chars}",
        "dùng chữ giản thể: {fix}",
        "use Simplified characters: {fix}",
    ),
    "XL073": Text(
        "tên viết bằng chữ Latinh trong văn bản tiếng Trung: “{found}”",
        "a name in Latin letters in Chinese prose: “{found}”",
        "viết dạng tiếng Trung: {approved}",
        "write its Chinese form: {approved}",
    ),
    "XL074": Text(
        "chữ Latinh trong văn bản tiếng Trung: “{found}”",
        "Latin letters in Chinese prose: “{found}”",
        "tên chưa có dạng tiếng Trung: viết mô tả bằng tiếng Trung, kèm tên tiếng Việt trong ngoặc "
        "toàn giác ở lần nhắc đầu tiên, ví dụ 母山主峰（Phia Po）; những lần sau chỉ viết phần mô tả",
        "a name with no Chinese form: write a Chinese descriptor with the Vietnamese name in "
        "full-width parentheses at its first mention, e.g. 母山主峰（Phia Po）; later, the descriptor alone",
    ),
    "XL075": Text(
        "số viết không theo lối tiếng Trung: {found}",
        "number not written the Chinese way: {found}",
        "từ 100.000 trở lên viết bằng 万/亿 và không có dấu phẩy phân nhóm (80.73万人, 1.56亿美元, "
        "39.4万吨); số liệu lấy từ data/ qua q() tự viết đúng",
        "from 100,000 up, write 万/亿 with no grouping commas (80.73万人, 1.56亿美元, 39.4万吨); "
        "figures from data/ through q() come out right by themselves",
    ),
    "XL076": Text(
        "ngoặc đơn ASCII cạnh chữ Hán: {found}",
        "ASCII parentheses next to Chinese text: {found}",
        "dùng ngoặc toàn giác （）",
        "use full-width parentheses （）",
    ),
    "XL077": Text(
        "“{found}” không phải cách viết tên này trên trang ở ngôn ngữ này",
        "“{found}” is not how this name is written in this language",
        "viết “{approved}” như bảng thuật ngữ (data/glossary.yml)",
        "write “{approved}”, as the glossary does (data/glossary.yml)",
    ),
    "XL078": Text(
        "chữ Hán không kèm phiên âm hay tên dịch: {found}",
        "Han characters without a romanised or translated gloss: {found}",
        "viết tên theo ngôn ngữ của trang rồi đặt chữ Hán trong ngoặc ngay sau, ví dụ "
        "Bằng Tường (凭祥) / Pingxiang (凭祥)",
        "write the name in the page's language and the characters in parentheses right after it, "
        "e.g. Pingxiang (凭祥)",
    ),
    # -- text hygiene -----------------------------------------------------------------------
    "XL080": Text(
        "chữ chưa chuẩn hoá Unicode NFC (dấu tiếng Việt gõ rời): {words}",
        "text is not in Unicode NFC (Vietnamese marks typed separately): {words}",
        "chạy `xulang fix --write {path}` (sửa cả tệp), hoặc gõ lại các từ này bằng bộ gõ Unicode "
        "dựng sẵn (Unikey: bảng mã Unicode)",
        "run `xulang fix --write {path}` (repairs the whole file), or retype these words with a "
        "precomposed Unicode keyboard",
    ),
    "XL081": Text(
        "ký tự ẩn {name} (U+{code})",
        "invisible character {name} (U+{code})",
        "chạy `xulang fix --write`, hoặc xoá ký tự ẩn này (thường do chép từ Word hoặc trang web)",
        "run `xulang fix --write`, or delete the invisible character (often pasted from Word or a web page)",
    ),
    "XL082": Text(
        "ghi chú cho người biên tập nằm trong nội dung cho bạn đọc: “{found}…”",
        "a note to editors in reader text: “{found}…”",
        "bỏ câu này, hoặc chuyển vào chú thích HTML <!-- … --> hay vào data/ (bạn đọc không thấy)",
        "remove it, or move it into an HTML comment <!-- … --> or into data/ (readers never see those)",
    ),
    # -- freshness --------------------------------------------------------------------------
    "XL090": Text(
        "bản gốc đã thay đổi sau khi dịch ({count} lần sửa, mới nhất {date}: {subject})",
        "the source changed after translation ({count} change(s), latest {date}: {subject})",
        "cập nhật bản dịch theo `git diff {since} -- {source}`, rồi chạy `xulang stamp {path}`",
        "update the translation from `git diff {since} -- {source}`, then run `xulang stamp {path}`",
    ),
    "XL091": Text(
        "`source_commit: {value}` không có trong lịch sử git",
        "`source_commit: {value}` is not in the git history",
        "chạy lại `xulang stamp {path}`",
        "run `xulang stamp {path}` again",
    ),
    # -- publishing safety (XL100-XL149) ------------------------------------------------------
    "XL100": Text(
        "bản dịch đang ở trạng thái `{status}` trong khi bản gốc {source} đã đăng; bản dựng chính "
        "thức chỉ đăng một trang khi mọi ngôn ngữ đều `published`",
        "translation is `{status}` while its source {source} is published; the production build "
        "publishes a page only when every language is `published`",
        "dịch xong rồi đặt `status: published`, hoặc đưa bản gốc về `status: review`",
        "finish the translation and set `status: published`, or set the source back to `status: review`",
    ),
    "XL101": Text(
        "liên kết tới trang chưa đăng {target} (`status: {status}`)",
        "link to the unpublished page {target} (`status: {status}`)",
        "bỏ liên kết cho tới khi trang đó được đăng, hoặc đăng trang đó trước",
        "remove the link until that page is published, or publish it first",
    ),
    "XL105": Text(
        "tệp quá lớn ({size}); một trang không được vượt quá {limit}",
        "file is too large ({size}); a page may not exceed {limit}",
        "chia nội dung thành nhiều trang; ảnh và tài liệu đặt thành tệp riêng trong content/assets/",
        "split it into several pages; put images and documents in content/assets/ as files of their own",
    ),
    "XL106": Text(
        "tệp quá lớn ({size}); tệp đăng kèm không được vượt quá {limit}",
        "file is too large ({size}); a published file may not exceed {limit}",
        "thu nhỏ ảnh (rộng tối đa khoảng 2000 điểm ảnh) hoặc nén tệp PDF",
        "scale the image down (about 2000 pixels wide at most) or compress the PDF",
    ),
    "XL107": Text(
        "liên kết tượng trưng (symlink) trỏ ra ngoài content/: {target}",
        "symbolic link points outside content/: {target}",
        "thay liên kết bằng một bản sao thật của tệp trong content/; bản dựng không đọc tệp ngoài content/",
        "replace the link with a real copy of the file inside content/; the build never reads files outside content/",
    ),
    "XL108": Text(
        "liên kết tượng trưng trỏ về thư mục chứa chính nó ({target}), tạo vòng lặp vô tận",
        "symbolic link points back to a folder that contains it ({target}), an endless loop",
        "xoá liên kết này",
        "delete the link",
    ),
    "XL109": Text(
        "tệp loại `{ext}` không được đăng từ đây (được phép: {allowed})",
        "files of type `{ext}` are not published from here (allowed: {allowed})",
        "chuyển tệp ra khỏi content/ (bản nháp, tài liệu gốc để nơi khác); trang là tệp Markdown "
        "(.md) trong content/vi/, content/en/, content/zh/",
        "move the file out of content/ (drafts and source documents belong elsewhere); pages are "
        "Markdown (.md) files in content/vi/, content/en/, content/zh/",
    ),
    "XL110": Text(
        "thẻ <{tag}> không được dùng trong nội dung",
        "<{tag}> is not allowed in content",
        "nội dung không chứa mã: bỏ thẻ này; cần bản đồ, video hay biểu mẫu thì đề nghị nhóm kỹ thuật",
        "content is not code: remove the tag; for a map, a video or a form, ask the web team",
    ),
    "XL111": Text(
        "thuộc tính sự kiện `{attr}` chạy mã JavaScript, không được dùng",
        "event attribute `{attr}` runs JavaScript and is not allowed",
        "bỏ thuộc tính `{attr}`",
        "remove the `{attr}` attribute",
    ),
    "XL112": Text(
        "địa chỉ `{url}` chạy mã hoặc nhúng dữ liệu, không được dùng",
        "address `{url}` runs code or embeds data and is not allowed",
        "chỉ liên kết tới địa chỉ http(s):// hoặc tới trang trong site",
        "link only to http(s):// addresses or to pages of the site",
    ),
    "XL113": Text(
        "<{tag}> tải tệp từ máy chủ khác: {url}",
        "<{tag}> loads a file from another server: {url}",
        "tải tệp về, đặt vào content/assets/ và dùng đường dẫn tương đối (liên kết thường tới trang khác thì được)",
        "download the file into content/assets/ and use a relative path (plain links to other sites are fine)",
    ),
    "XL114": Text(
        "thẻ <{tag}> không nằm trong danh sách HTML an toàn",
        "<{tag}> is not on the list of safe HTML",
        "dùng cú pháp Markdown, hoặc thẻ được phép như p, span, div, a, img, table, details, abbr, sup",
        "use Markdown, or an allowed tag such as p, span, div, a, img, table, details, abbr, sup",
    ),
    "XL115": Text(
        "chữ bị ẩn khỏi người đọc ({how})",
        "text is hidden from readers ({how})",
        "bỏ đoạn bị ẩn hoặc cho hiện ra; ghi chú cho biên tập viên viết trong <!-- … --> và không bao giờ được đăng",
        "delete the hidden text or show it; notes for editors go in <!-- … --> and are never published",
    ),
    "XL116": Text(
        "thuộc tính `{attr}` không được dùng trong nội dung",
        "attribute `{attr}` is not allowed in content",
        "bỏ thuộc tính này; định dạng thì dùng Markdown hoặc một lớp (class) có sẵn trong site.css",
        "remove it; for formatting use Markdown or a class from site.css",
    ),
    "XL117": Text(
        "ghi chú `<!--` không được đóng bằng `-->`: phần còn lại của trang sẽ biến mất",
        "comment `<!--` is never closed with `-->`: the rest of the page would disappear",
        "thêm `-->` ở chỗ ghi chú kết thúc",
        "add `-->` where the note ends",
    ),
    "XL120": Text(
        "tên chỉ khác {other} ở chữ hoa, chữ thường",
        "name differs from {other} only in upper or lower case",
        "đổi tên một trong hai; trên Windows và macOS hai tệp này đè lên nhau",
        "rename one of them; on Windows and macOS the two overwrite each other",
    ),
    "XL121": Text(
        "tên có dấu cách",
        "name contains spaces",
        "chạy `xulang fix --write` (đổi tên thành `{suggested}` ở mọi ngôn ngữ, cùng các liên kết và `nav:`)",
        "run `xulang fix --write` (renames it `{suggested}` in every language, with its links and `nav:`)",
    ),
    "XL122": Text(
        "tên có dấu hoặc ký tự ngoài a–z, 0–9",
        "name contains accents or characters other than a–z, 0–9",
        "chạy `xulang fix --write` (đổi tên thành `{suggested}` ở mọi ngôn ngữ, cùng các liên kết và `nav:`)",
        "run `xulang fix --write` (renames it `{suggested}` in every language, with its links and `nav:`)",
    ),
    # Notices (data/notices.yml, scripts/xulang/notices.py)
    "XL140": Text(
        "thông báo phải là một danh sách, mỗi thông báo là một mục `- id: …`",
        "notices must be a list, each notice an item `- id: …`",
        "xem ví dụ ở đầu tệp; khi không có thông báo nào thì viết `[]`",
        "see the example at the top of the file; with no notice, write `[]`",
    ),
    "XL141": Text(
        "mã thông báo `{id}` không đúng dạng",
        "notice id `{id}` is not well formed",
        "chỉ dùng chữ thường không dấu, chữ số và gạch ngang, ví dụ `huu-nghi-tet-2027`",
        "use lower-case letters without accents, digits and hyphens only, e.g. `huu-nghi-tet-2027`",
    ),
    "XL142": Text(
        "mã thông báo `{id}` đã dùng cho thông báo ở dòng {other}",
        "notice id `{id}` is already used by the notice on line {other}",
        "đặt cho mỗi thông báo một mã riêng",
        "give each notice its own id",
    ),
    "XL143": Text(
        "`{key}: {value}` không phải thời điểm ISO 8601 có múi giờ",
        "`{key}: {value}` is not an ISO 8601 time with an offset",
        "viết ngày, giờ và múi giờ, ví dụ `2027-02-05T07:00:00+07:00`; giờ Hà Nội là +07:00",
        "write the date, the time and the offset, e.g. `2027-02-05T07:00:00+07:00`; Hanoi time is +07:00",
    ),
    "XL144": Text(
        "thời điểm kết thúc {end} không sau thời điểm bắt đầu {start}",
        "the end, {end}, is not after the start, {start}",
        "sửa `end` hoặc `start`: thông báo hiện từ `start` cho tới `end`",
        "correct `end` or `start`: the notice shows from `start` until `end`",
    ),
    "XL145": Text(
        "mức độ `{value}` không có",
        "severity `{value}` is unknown",
        "dùng info để báo tin, warning khi người đọc cần lưu ý, danger khi khẩn cấp",
        "use info to inform, warning when readers should take care, danger when it is urgent",
    ),
    "XL146": Text(
        "thông báo thiếu `{key}`",
        "the notice has no `{key}`",
        "mỗi thông báo cần id, severity, start, end và text; xem ví dụ ở đầu tệp",
        "every notice needs id, severity, start, end and text; see the example at the top of "
        "the file",
    ),
    "XL147": Text(
        "`{key}` chưa có bản {lang}",
        "`{key}` has no {lang} text",
        "thêm dòng `{lang}: …` dưới `{key}:`; thông báo hiện trên trang của mọi ngôn ngữ",
        "add a line `{lang}: …` under `{key}:`; the notice shows on the pages of every language",
    ),
    "XL148": Text(
        "khoá `{key}` không dùng được ở đây",
        "key `{key}` is not used here",
        "các khoá dùng được: {allowed}",
        "the keys that can be used: {allowed}",
    ),
    # -- news items (tin-tuc/) ------------------------------------------------------------------
    "XL150": Text(
        "tin thiếu ngày đăng `date:`",
        "news item has no `date:`",
        "thêm dòng `date: {suggested}` (năm-tháng-ngày) vào phần đầu trang; danh sách tin, "
        "RSS và lịch sắp xếp theo ngày này",
        "add a line `date: {suggested}` (year-month-day) to the front matter; the news list and "
        "the feeds are ordered by it",
    ),
    "XL151": Text(
        "`date: {value}` không phải một ngày dạng năm-tháng-ngày",
        "`date: {value}` is not a year-month-day date",
        "viết `date: {suggested}`",
        "write `date: {suggested}`",
    ),
    "XL152": Text(
        "tên tệp tin không bắt đầu bằng ngày đăng",
        "the news item's file name does not start with its date",
        "đổi tên tệp thành `{suggested}` ở mọi ngôn ngữ (năm-tháng-ngày-tên-ngắn.md); tin nằm "
        "ngoài menu nhờ tên có ngày",
        "rename the file to `{suggested}` in every language (year-month-day-short-name.md); news "
        "items stay out of the menu because their names start with a date",
    ),
    "XL153": Text(
        "`date: {value}` khác ngày trong tên tệp ({named})",
        "`date: {value}` differs from the date in the file name ({named})",
        "sửa `date:` hoặc đổi tên tệp cho cùng một ngày, ở mọi ngôn ngữ",
        "correct `date:` or rename the file so that both give one day, in every language",
    ),
    # -- photos, video and attachments (xulang.media, checks/media.py) --
    "XL130": Text(
        "ảnh {image} chưa có tệp mô tả {sidecar}",
        "photo {image} has no description file {sidecar}",
        "tạo {sidecar} cạnh ảnh, ghi `alt:` (mô tả ảnh) cho mỗi ngôn ngữ, `credit:` và `licence:`; mẫu ở docs/anh-video.md",
        "create {sidecar} beside the photo with `alt:` (what it shows) for every language, `credit:` and `licence:`; template in docs/media.en.md",
    ),
    "XL131": Text(
        "ảnh {image} chưa có mô tả (`alt`) bằng {lang}",
        "photo {image} has no {lang} description (`alt`)",
        "thêm dòng `{code}: …` dưới `alt:`: một câu nói ảnh cho thấy gì, cho người đọc không xem được ảnh",
        "add a line `{code}: …` under `alt:`: one sentence saying what the photo shows, for readers who cannot see it",
    ),
    "XL132": Text(
        "tệp mô tả không đọc được: {problem}",
        "description file cannot be read: {problem}",
        "các khoá dùng được: alt, caption (mỗi ngôn ngữ một dòng), credit, licence, keep_original, language",
        "the keys that can be used: alt, caption (one line per language), credit, licence, keep_original, language",
    ),
    "XL133": Text(
        "ảnh quá lớn ({size}, tối đa {limit})",
        "photo too large ({size}, at most {limit})",
        "thu nhỏ ảnh còn rộng khoảng 2400 điểm ảnh rồi lưu JPEG chất lượng 85 (Windows: mở bằng Photos › Resize; máy Mac: Preview › Tools › Adjust Size); trang web tự tạo các cỡ nhỏ hơn",
        "scale the photo to about 2,400 pixels wide and save it as JPEG quality 85 (Windows: Photos › Resize; Mac: Preview › Tools › Adjust Size); the site makes the smaller sizes itself",
    ),
    "XL134": Text(
        "video quá lớn ({size}, tối đa {limit})",
        "video too large ({size}, at most {limit})",
        "cắt ngắn đoạn video và xuất lại MP4 (H.264) 720p, khoảng 2 Mbit/s (HandBrake: mẫu “Fast 720p30”); một phút khoảng 15 MB",
        "shorten the clip and export it again as MP4 (H.264) 720p at about 2 Mbit/s (HandBrake: preset “Fast 720p30”); a minute is about 15 MB",
    ),
    "XL135": Text(
        "video {video} chưa có phụ đề {lang} ({vtt})",
        "video {video} has no {lang} captions ({vtt})",
        "tạo tệp phụ đề WebVTT {vtt} (Subtitle Edit: File › Save as › WebVTT); mỗi ngôn ngữ một tệp",
        "create the WebVTT captions file {vtt} (Subtitle Edit: File › Save as › WebVTT); one file per language",
    ),
    "XL136": Text(
        "video {video} chưa có ảnh đại diện {poster}",
        "video {video} has no poster image {poster}",
        "lưu một khung hình của video thành {poster} (JPEG, rộng khoảng 1280 điểm ảnh): người đọc thấy ảnh này trước khi bấm xem",
        "save one frame of the clip as {poster} (JPEG, about 1,280 pixels wide): readers see it before they press play",
    ),
    "XL137": Text(
        "không đọc được tệp ảnh: {problem}",
        "the photo cannot be read: {problem}",
        "mở ảnh bằng trình xem ảnh và lưu lại dạng JPEG hoặc PNG",
        "open the photo in an image viewer and save it again as JPEG or PNG",
    ),
    # -- the build's edits of Material and mkdocs-static-i18n (xulang.plugin.upstream) ----------
    "XL160": Text(
        "đang cài {package} {installed}, nhưng các chỉnh sửa của trang chỉ được kiểm với bản {verified}",
        "{package} {installed} is installed; the site's edits of it were verified against {verified} only",
        "cài đúng bản đã kiểm (`pip install {package}=={verified}`), hoặc kiểm từng chỉnh sửa "
        "kê trong tệp này với bản mới rồi sửa VERIFIED",
        "install the verified version (`pip install {package}=={verified}`), or check each edit "
        "listed in this file against the new version, then update VERIFIED",
    ),
    "XL161": Text(
        "mã của {package} {version} đã đổi: không thấy {what} trong {file}",
        "{package} {version} has changed: {what} not found in {file}",
        "sửa lại chỉnh sửa này trong tệp này cho bản {package} đang cài",
        "revise this edit in this file for the installed {package}",
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


def reference() -> str:
    """Every code as a Markdown reference for editors: generated, so the guide cannot drift."""
    import re

    def plain(text: str) -> str:
        return re.sub(r"\{[a-z_]+\}", "…", text.replace("{{", "{").replace("}}", "}")).replace(
            "|", "\\|"
        )

    lines = [
        "# Mã lỗi / Finding codes",
        "",
        "<!-- Tệp này sinh tự động bằng `xulang codes > docs/ma-loi.md`; đừng sửa tay. -->",
        "<!-- Generated by `xulang codes > docs/ma-loi.md`; do not edit by hand. -->",
        "",
        "| mã / code | vấn đề | cách sửa | problem | how to fix |",
        "|---|---|---|---|---|",
    ]
    for code, text in sorted(CATALOGUE.items()):
        lines.append(
            f"| {code} | {plain(text.vi)} | {plain(text.hint_vi)} | {plain(text.en)} | {plain(text.hint_en)} |"
        )
    return "\n".join(lines)
