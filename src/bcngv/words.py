"""Every word bcngv shows a person, in Vietnamese (the default: the office reads Vietnamese first)
and English, in one place: `CATALOGUE` holds each diagnostic code with its severity, message and
hint; `TEXTS` holds everything else (help, notices, summaries, table headings, step names, and the
problems a template author or a catalog meets, which reach a diagnostic as its `{problem}`).

The language is one setting (`set_language`). Typer reads help texts when it builds the commands,
before any option is parsed, so the language of the help is settled at start-up from `--lang` in
argv or BCNGV_LANG (`startup_language`); everything else follows `language()` when it is printed.

A placeholder without its argument is a programming error and raises: a person must never read
`{name}`. tests/test_words.py fills every entry in both languages.

What is not here, on purpose: the words of reports (`render/vietnamese.py`, the letterhead, period
labels, the enums' labels) and the JSON Schema's descriptions, which are in the report's and the
records' language whatever `--lang` says (tests/test_words.py lists each exception).
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping, Sequence
from functools import cache
from typing import NamedTuple

LANGUAGES = ("vi", "en")


class Entry(NamedTuple):
    severity: str
    vi: str
    vi_hint: str
    en: str
    en_hint: str
    # a problem of the command line, of bcngv.yaml or of the machine (exit 2), not of the data (exit 1)
    usage: bool = False


E, W = "error", "warning"

CATALOGUE: dict[str, Entry] = {
    # --- reading the file --------------------------------------------------------------------
    "not-utf8": Entry(
        E,
        "tệp không phải văn bản UTF-8 (byte {byte} không đọc được)",
        "Mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8.",
        "the file is not UTF-8 text (byte {byte} cannot be read)",
        "Open the file in an editor and save it again as UTF-8.",
    ),
    "file-too-large": Entry(
        E,
        "tệp quá lớn ({size} byte, tối đa {limit} byte)",
        "Mỗi tệp chỉ ghi một hoạt động; hãy tách tệp này thành nhiều tệp.",
        "the file is too large ({size} bytes, at most {limit})",
        "Each file records one activity; split this one into several files.",
    ),
    "empty-file": Entry(
        E,
        "tệp trống",
        "Ghi nội dung hoạt động vào tệp (dùng `bcngv new <loại>` để có mẫu) hoặc xóa tệp.",
        "the file is empty",
        "Write the activity into it (`bcngv new <kind>` gives a skeleton) or delete the file.",
    ),
    "yaml-syntax": Entry(
        E,
        "tệp viết sai cách ghi ở đây: {problem}",
        "Kiểm tra ở dòng này và dòng ngay trên: sau dấu hai chấm có một dấu cách, dấu ngoặc và dấu nháy "
        "đã đóng, các dòng cùng cấp thụt lề bằng nhau.",
        "YAML syntax error: {problem}",
        "Check the colons, brackets and indentation on this line and the one above.",
    ),
    # slips of structure (yamlslips.py): each at the line where it was made, with the line corrected
    "colon-in-text": Entry(
        E,
        "dấu hai chấm ở giữa đoạn chữ của '{key}' làm dòng này bị hiểu sai",
        "Đặt cả đoạn chữ trong dấu nháy kép: {corrected}",
        "the colon inside the text of '{key}' makes this line misread (YAML takes it for a new field)",
        "Put the whole text in double quotes: {corrected}",
    ),
    "colon-without-space": Entry(
        E,
        "thiếu dấu cách sau dấu hai chấm của '{key}'",
        "Sau dấu hai chấm phải có một dấu cách: {corrected}",
        "no space after the colon of '{key}'",
        "A colon needs a space after it: {corrected}",
    ),
    "continued-text": Entry(
        E,
        "dòng này viết tiếp đoạn chữ của '{key}' (dòng {first_line}) nhưng không thụt lề nên bị hiểu sai",
        "Đoạn chữ nhiều dòng: ở dòng {first_line} viết '{key}: >', rồi mỗi dòng của đoạn chữ thụt vào hai dấu "
        "cách: '  {first}', '  {this}'.",
        "this line continues the text of '{key}' (line {first_line}) without indentation, so it is misread",
        "For a text over several lines write '{key}: >' on line {first_line}, then indent every line of the "
        "text by two spaces: '  {first}', '  {this}'.",
    ),
    "text-starts-with-mark": Entry(
        E,
        "đoạn chữ của '{key}' bắt đầu bằng dấu '{mark}' nên bị hiểu sai",
        "Đặt cả đoạn chữ trong dấu nháy kép: {corrected}",
        "the text of '{key}' starts with '{mark}', which YAML reads as a sign of its own",
        "Put the whole text in double quotes: {corrected}",
    ),
    "list-written-wrongly": Entry(
        E,
        "danh sách '{key}' viết chưa đúng",
        "Viết các mục trong ngoặc vuông, cách nhau bằng dấu phẩy: {corrected}; hoặc mỗi mục một dòng bên dưới, "
        "bắt đầu bằng '- ' và thụt vào hai dấu cách.",
        "the list '{key}' is not written as a list",
        "Write the items in square brackets, separated by commas: {corrected}; or one item a line below it, "
        "starting with '- ' and indented by two spaces.",
    ),
    "unclosed-quote": Entry(
        E,
        "dấu nháy {quote} mở ở đây chưa được đóng",
        "Thêm dấu nháy đóng ở cuối đoạn chữ: {corrected}",
        "the quote {quote} opened here is never closed",
        "Close the quote at the end of the text: {corrected}",
    ),
    "misindented": Entry(
        E,
        "dòng này thụt vào {found} dấu cách, không thẳng hàng với dòng cùng cấp ở trên ({expected} dấu cách)",
        "Thụt lề {expected} dấu cách cho thẳng hàng với dòng trên: '{corrected}'",
        "this line is indented by {found} spaces, unlike the line above at its level ({expected} spaces)",
        "Indent it by {expected} spaces, as the line above: '{corrected}'",
    ),
    "tab-indent": Entry(
        E,
        "dòng được thụt lề bằng phím Tab",
        "Tệp hồ sơ chỉ cho phép thụt lề bằng dấu cách; thay Tab bằng dấu cách.",
        "the line is indented with a tab",
        "YAML allows only spaces for indentation; replace the tab with spaces.",
    ),
    "duplicate-key": Entry(
        E,
        "trường '{key}' được ghi hai lần (lần đầu ở dòng {first_line})",
        "Giữ một lần ghi duy nhất; nếu không, giá trị sau sẽ âm thầm thay giá trị trước.",
        "the field '{key}' is written twice (first on line {first_line})",
        "Keep one of them; otherwise the second silently replaces the first.",
    ),
    "several-documents": Entry(
        E,
        "tệp chứa nhiều tài liệu YAML (ngăn cách bởi '---')",
        "Mỗi tệp ghi một hoạt động; hãy chuyển phần sau dấu '---' sang tệp mới.",
        "the file holds several YAML documents (separated by '---')",
        "One file records one activity; move what follows '---' into a new file.",
    ),
    "not-a-mapping": Entry(
        E,
        "tệp phải là một danh sách trường dạng 'tên: giá trị', không phải {found}",
        "Bắt đầu tệp bằng dòng 'kind: <loại hoạt động>' rồi ghi mỗi trường trên một dòng.",
        "the file must be a set of 'name: value' fields, not {found}",
        "Start the file with 'kind: <activity kind>' and write one field per line.",
    ),
    "yaml-alias": Entry(
        E,
        "không dùng neo và tham chiếu YAML (&, *) trong hồ sơ",
        "Ghi trực tiếp giá trị thay vì tham chiếu; điều này cũng ngăn các tệp phình to bất thường.",
        "YAML anchors and aliases (&, *) are not allowed in records",
        "Write the value itself instead; this also stops files that expand without bound.",
    ),
    "ambiguous-boolean": Entry(
        E,
        "'{text}' bị YAML hiểu là {meaning}",
        "Nếu là đúng/sai, viết true hoặc false; nếu là chữ (ví dụ mã nước NO), đặt trong dấu nháy: '{text}'.",
        "'{text}' is read by YAML as {meaning}",
        "For yes/no write true or false; for text (such as the country code NO) quote it: '{text}'.",
    ),
    "thousands-separator": Entry(
        E,
        "số '{text}' có dấu ngăn cách hàng nghìn nên bị đọc sai (không phải {intended})",
        "Viết các chữ số liền nhau, không có dấu chấm hay dấu phẩy: {intended}. Số lẻ dùng dấu chấm với một "
        "hoặc hai chữ số sau dấu, ví dụ 2.5.",
        "the number '{text}' has thousands separators and is misread (it is not {intended})",
        "Write the digits together, without dots or commas: {intended}. Decimals use a dot with one or two "
        "digits after it, e.g. 2.5.",
    ),
    "impossible-date": Entry(
        E,
        "ngày '{text}' không tồn tại",
        "Viết ngày theo dạng NĂM-THÁNG-NGÀY có thật, ví dụ 2022-07-29.",
        "the date '{text}' does not exist",
        "Write a real date as YEAR-MONTH-DAY, e.g. 2022-07-29.",
    ),
    "unreadable-file": Entry(
        E,
        "không đọc được tệp: {problem}",
        "Kiểm tra quyền đọc tệp, hoặc xóa liên kết hỏng.",
        "the file cannot be read: {problem}",
        "Check that the file can be read, or remove the broken link.",
    ),
    "link-outside": Entry(
        E,
        "đây là liên kết (symlink) trỏ ra ngoài kho: {target}",
        "bcngv chỉ đọc tệp nằm trong kho; thay liên kết bằng bản sao của tệp, hoặc xóa nó.",
        "this is a link (symlink) pointing outside the repository: {target}",
        "bcngv reads only files inside the repository; replace the link by a copy of the file, or delete it.",
    ),
    "link-broken": Entry(
        E,
        "đây là liên kết (symlink) hỏng hoặc vòng lặp: {target}",
        "Xóa liên kết, hoặc thay nó bằng tệp thật.",
        "this is a broken or looping link (symlink): {target}",
        "Delete the link, or replace it by a real file.",
    ),
    "special-file": Entry(
        E,
        "đây không phải tệp thường mà là {what}; bcngv không mở nó",
        "Xóa nó khỏi kho; hồ sơ, danh mục, mẫu và cấu hình đều là tệp văn bản thường.",
        "this is not a regular file but a {what}; bcngv does not open it",
        "Remove it from the repository; records, catalog, templates and configuration are plain text files.",
    ),
    "control-character": Entry(
        E,
        "tệp chứa ký tự điều khiển vô hình {char}",
        "Ký tự này thường lẫn vào khi sao chép từ Word hoặc trang web; xóa nó (gõ lại đoạn chữ quanh vị trí này).",
        "the file holds the invisible control character {char}",
        "It usually comes in when copying from Word or a web page; delete it (retype the text around this place).",
    ),
    "too-deep": Entry(
        E,
        "các trường lồng nhau quá sâu (quá {limit} mức)",
        "Hồ sơ chỉ cần vài mức thụt lề; kiểm tra dấu ngoặc [ ] {{ }} có bị mở mà không đóng.",
        "the fields are nested too deeply (more than {limit} levels)",
        "A record needs only a few levels of indentation; check for brackets [ ] {{ }} opened and never closed.",
    ),
    "too-many-values": Entry(
        E,
        "tệp có quá nhiều giá trị (quá {limit})",
        "Mỗi tệp ghi một hoạt động; hãy tách tệp này thành nhiều tệp.",
        "the file holds too many values (more than {limit})",
        "Each file records one activity; split this one into several files.",
    ),
    "yaml-tag": Entry(
        E,
        "hồ sơ không dùng thẻ YAML '{tag}'",
        "Xóa thẻ bắt đầu bằng '!'; nếu muốn giữ giá trị là chữ, đặt nó trong dấu nháy.",
        "records do not use the YAML tag '{tag}'",
        "Remove the tag that starts with '!'; to keep a value as text, put it in quotes.",
    ),
    # --- validating a record -----------------------------------------------------------------
    "missing-kind": Entry(
        E,
        "thiếu trường 'kind' cho biết loại hoạt động",
        "Thêm dòng đầu 'kind: <loại>'; các loại: {kinds}.",
        "the field 'kind' that says what activity this is is missing",
        "Add a first line 'kind: <kind>'; the kinds are: {kinds}.",
    ),
    "unknown-kind": Entry(
        E,
        "không có loại hoạt động '{value}'",
        "{suggestion}Các loại: {kinds}.",
        "there is no activity kind '{value}'",
        "{suggestion}The kinds are: {kinds}.",
    ),
    "unknown-field": Entry(
        E,
        "loại '{kind}' không có trường '{key}'",
        "{suggestion}Các trường của loại này: {fields}.",
        "a '{kind}' record has no field '{key}'",
        "{suggestion}Its fields are: {fields}.",
    ),
    "missing-field": Entry(
        E,
        "thiếu trường bắt buộc '{key}'",
        "Thêm dòng '{key}: …' ({expected}).",
        "the required field '{key}' is missing",
        "Add a line '{key}: …' ({expected}).",
    ),
    "invalid-value": Entry(
        E,
        "giá trị của '{key}' không hợp lệ: {problem}",
        "{suggestion}Cần {expected}.",
        "the value of '{key}' is not valid: {problem}",
        "{suggestion}Expected {expected}.",
    ),
    "empty-value": Entry(
        E,
        "trường '{key}' chưa được điền",
        "Điền sau dấu hai chấm: {expected}.",
        "the field '{key}' is not filled in",
        "Write {expected} after the colon.",
    ),
    "invalid-choice": Entry(
        E,
        "'{value}' không phải giá trị cho phép của '{key}'",
        "{suggestion}Các giá trị cho phép: {choices}.",
        "'{value}' is not an allowed value of '{key}'",
        "{suggestion}The allowed values are: {choices}.",
    ),
    "negative-number": Entry(
        E,
        "'{key}' không được âm ({value})",
        "Số lượng và số tiền phải từ 0 trở lên.",
        "'{key}' cannot be negative ({value})",
        "Counts and amounts are zero or more.",
    ),
    "end-before-start": Entry(
        E,
        "ngày kết thúc {end} trước ngày bắt đầu {start}",
        "Kiểm tra lại 'date' và 'end'.",
        "the end date {end} is before the start date {start}",
        "Check 'date' and 'end'.",
    ),
    "unknown-partner": Entry(
        E,
        "không có đối tác mã '{value}' trong danh mục",
        "{suggestion}Thêm đối tác vào records/_catalog/ nếu đây là đối tác mới.",
        "there is no partner '{value}' in the catalog",
        "{suggestion}Add it to records/_catalog/ if it is a new partner.",
    ),
    "unknown-scope-report": Entry(
        E,
        "không có loại báo cáo '{value}' trong bcngv.yaml",
        "{suggestion}Hồ sơ chỉ kể trong (reports:) hoặc không kể trong (not_in:) các loại báo cáo khai báo ở bcngv.yaml: {choices}.",
        "bcngv.yaml declares no report kind '{value}'",
        "{suggestion}A record is kept to (reports:) or out of (not_in:) the report kinds bcngv.yaml declares: {choices}.",
    ),
    "invalid-catalog": Entry(
        E,
        "mục danh mục không hợp lệ: {problem}",
        "Mỗi mục cần 'id', 'name' và có thể có 'aliases' (danh sách cách viết khác).",
        "invalid catalog entry: {problem}",
        "Each entry needs 'id', 'name' and optionally 'aliases' (a list of other spellings).",
    ),
    "duplicate-catalog-id": Entry(
        E,
        "mã '{value}' đã dùng trong danh mục ở {other}",
        "Mỗi mã chỉ dùng cho một đối tác; đổi mã này.",
        "the id '{value}' is already used in the catalog at {other}",
        "Each id names one partner; rename this one.",
    ),
    "alias-conflict": Entry(
        E,
        "cách viết '{value}' đã thuộc về mã '{other}' trong danh mục",
        "Mỗi tên hoặc cách viết khác chỉ thuộc về một mục; xóa nó khỏi một trong hai mục.",
        "the spelling '{value}' already belongs to the id '{other}' in the catalog",
        "A name or other spelling belongs to one entry only; remove it from one of them.",
    ),
    "partner-alias": Entry(
        W,
        "'{value}' là cách viết khác của '{name}'",
        "Viết đúng tên trong danh mục: '{name}' (hoặc ghi mã '{id}' vào partners và viết {{partners}} trong câu).",
        "'{value}' is another spelling of '{name}'",
        "Write the catalog's name: '{name}' (or put the id '{id}' in partners and write {{partners}} in the text).",
    ),
    # --- checks across fields and records -----------------------------------------------------
    "total-mismatch": Entry(
        E,
        "tổng '{key}' là {total} nhưng các phần cộng lại bằng {sum} ({parts})",
        "Sửa tổng hoặc các phần cho khớp; có thể bỏ dòng '{key}' để bcngv tự cộng.",
        "the total '{key}' is {total} but its parts add up to {sum} ({parts})",
        "Make the total and its parts agree; or drop the line '{key}' and bcngv adds the parts up.",
    ),
    "date-outside-folder": Entry(
        W,
        "ngày {date} không thuộc tháng của thư mục {folder}",
        "Sửa ngày, hoặc chuyển tệp vào thư mục records/ của tháng đó (NĂM/THÁNG).",
        "the date {date} is not in the month of the folder {folder}",
        "Fix the date, or move the file into the records/ folder of its month (YEAR/MONTH).",
    ),
    "date-far-from-folder": Entry(
        E,
        "ngày {date} cách tháng của thư mục {folder} {days} ngày: hoạt động sẽ không được tính vào báo cáo của tháng này",
        "{suggestion}Có thể đã gõ nhầm năm, hoặc đảo ngày và tháng. Sửa ngày, hoặc chuyển tệp vào thư mục "
        "records/ của tháng đó (NĂM/THÁNG).",
        "the date {date} is {days} days away from the month of the folder {folder}: the activity would drop out of "
        "this month's report",
        "{suggestion}The year may be mistyped, or the day and month swapped. Fix the date, or move the file into the "
        "records/ folder of its month (YEAR/MONTH).",
    ),
    "duplicate-record": Entry(
        E,
        "hoạt động này đã được ghi ở {other} (cùng loại, cùng ngày, cùng nội dung): báo cáo sẽ tính hai lần "
        "1 hồ sơ {kind}{figures}",
        "Nếu trùng, xóa tệp này. Nếu đúng là hai hoạt động khác nhau, ghi thêm dòng 'distinct: true' vào tệp này "
        "và ghi rõ điểm khác nhau trong 'text'.",
        "this activity is recorded already in {other} (same kind, date and words): the report would count twice "
        "1 record {kind}{figures}",
        "If it is the same, delete this file. If they really are two activities, add the line 'distinct: true' to "
        "this file and say how they differ in 'text'.",
    ),
    "unknown-placeholder": Entry(
        E,
        "chỗ điền '{{{name}}}' trong '{key}' không điền được: hồ sơ loại {kind} không có số liệu tên '{name}', "
        "báo cáo sẽ in nguyên văn '{{{name}}}'",
        "{suggestion}Các chỗ điền được: {allowed}.",
        "the placeholder '{{{name}}}' in '{key}' cannot be filled: a {kind} record has no figure '{name}', and the "
        "report would print '{{{name}}}' as typed",
        "{suggestion}The placeholders it can fill: {allowed}.",
    ),
    "empty-placeholder": Entry(
        E,
        "chỗ điền '{{{name}}}' trong '{key}' không có gì để in: hồ sơ chưa ghi '{name}'",
        "Ghi '{name}' cho hồ sơ (ví dụ partners: [lao]), hoặc viết thẳng nội dung vào câu thay cho '{{{name}}}'.",
        "the placeholder '{{{name}}}' in '{key}' has nothing to print: the record gives no '{name}'",
        "Give the record its '{name}' (e.g. partners: [lao]), or write the words into the sentence instead of "
        "'{{{name}}}'.",
    ),
    "unusual-value": Entry(
        W,
        "'{key}' ({about}) là {value}, ngoài khoảng thường gặp từ {least} đến {most}",
        "Kiểm tra lại con số: có thể thừa hoặc thiếu một chữ số. Nếu đúng là {value}, có thể bỏ qua cảnh báo này.",
        "'{key}' ({about}) is {value}, outside the usual range from {least} to {most}",
        "Check the number: a digit may be missing or one too many. If it really is {value}, this warning can be "
        "ignored.",
    ),
    "not-a-record-file": Entry(
        E,
        "tệp '{name}' không được đọc vì tên không kết thúc bằng .yaml: hoạt động trong tệp sẽ không có trong báo cáo",
        "Đổi tên tệp thành '{rename}' (tên tệp hồ sơ phải kết thúc đúng bằng .yaml, chữ thường, không có khoảng "
        "trắng ở cuối).",
        "the file '{name}' is not read because its name does not end in .yaml: its activity would be missing from "
        "the report",
        "Rename the file '{rename}' (a record's file name ends exactly in .yaml, lower case, without a space at the "
        "end).",
    ),
    "record-not-told": Entry(
        W,
        "hồ sơ này thuộc {period} nhưng không được kể ở phần nào của báo cáo '{report}'",
        "Báo cáo vẫn được lập. Nếu hồ sơ cần có trong báo cáo, báo cho người soạn mẫu báo cáo; nếu hồ sơ không dành "
        "cho loại báo cáo này, ghi 'not_in: [{report}]' vào hồ sơ.",
        "this record belongs to {period} but no part of the report '{report}' tells it",
        "The report is made all the same. If the record should be in it, tell the author of the report's template; "
        "if it is not meant for this report kind, add 'not_in: [{report}]' to the record.",
    ),
    "no-such-path": Entry(
        E,
        "không có tệp hay thư mục '{value}'",
        "Kiểm tra lại đường dẫn; đường dẫn tương đối tính từ thư mục đang làm việc.",
        "there is no file or folder '{value}'",
        "Check the path; a relative path starts from the current folder.",
        usage=True,
    ),
    "init-not-empty": Entry(
        E,
        "'{value}' đã có tệp; bcngv init chỉ tạo kho mới trong thư mục chưa có hoặc đang trống",
        "Chọn một thư mục mới, ví dụ `bcngv init bao-cao-ngoai-vu`; bcngv không ghi đè hồ sơ đã có.",
        "'{value}' already holds files; bcngv init only creates a repository in a missing or empty folder",
        "Choose a new folder, e.g. `bcngv init bao-cao-ngoai-vu`; bcngv never overwrites existing records.",
        usage=True,
    ),
    # --- configuration (bcngv.yaml) -----------------------------------------------------------
    "config-missing": Entry(
        E,
        "không tìm thấy tệp cấu hình bcngv.yaml",
        "Chạy lệnh trong thư mục của kho hồ sơ, hoặc dùng `bcngv init` để tạo kho mới.",
        "the configuration file bcngv.yaml was not found",
        "Run the command inside the records repository, or create one with `bcngv init`.",
        usage=True,
    ),
    "report-or-document": Entry(
        E,
        "cần cho biết báo cáo nào: một tệp văn bản (bcngv build van-ban/…yaml) hoặc --period, không phải cả hai",
        "Lập lại văn bản đã ban hành: `bcngv build van-ban/2022/752-ktxh.yaml`; lập bản nháp: `bcngv build --period 2022-07`.",
        "say which report: an issued-document file (bcngv build van-ban/…yaml) or --period, not both",
        "Rebuild an issued document: `bcngv build van-ban/2022/752-ktxh.yaml`; build a draft: `bcngv build --period 2022-07`.",
        usage=True,
    ),
    "invalid-document": Entry(
        E,
        "văn bản ban hành: '{key}' không hợp lệ: {problem}",
        "Sửa dòng này của tệp văn bản; các trường: report, period, as_of, date, number, signer, answers, values.",
        "issued document: '{key}' is not valid: {problem}",
        "Fix this line of the document file; its fields: report, period, as_of, date, number, signer, answers, values.",
    ),
    "invalid-document-name": Entry(
        E,
        "tên tệp văn bản '{value}' không dùng được làm tên báo cáo",
        "Đặt tên tệp bằng chữ thường không dấu, số và dấu '-', ví dụ 752-ktxh.yaml.",
        "the document file name '{value}' cannot name a report",
        "Name the file with lower-case letters without accents, digits and '-', e.g. 752-ktxh.yaml.",
    ),
    "config-invalid": Entry(
        E,
        "cấu hình '{key}' không hợp lệ: {problem}",
        "Sửa khóa '{key}' trong bcngv.yaml.",
        "the setting '{key}' is not valid: {problem}",
        "Fix the key '{key}' in bcngv.yaml.",
        usage=True,
    ),
    # --- the office's record kinds (kinds/*.yaml) --------------------------------------------
    "kind-unknown-key": Entry(
        E,
        "khai báo loại hồ sơ không có khóa '{key}'",
        "Các khóa được dùng: {keys}. {suggestion}Xem hướng dẫn khai báo loại hồ sơ trong docs/huong-dan.md.",
        "a record kind declaration has no key '{key}'",
        "The keys are: {keys}. {suggestion}See how to declare a record kind in docs/huong-dan.md.",
        usage=True,
    ),
    "kind-invalid": Entry(
        E,
        "giá trị của '{key}' trong khai báo loại hồ sơ không hợp lệ ({value})",
        "Mã loại hồ sơ và mã trường viết chữ thường không dấu nối bằng _ (ví dụ du_an_dau_tu); type là một "
        "trong: count, number, quantity, money, text, date, yes_no, choice, partner, goods; required, list là "
        "true hoặc false; label là một câu tiếng Việt.",
        "the value of '{key}' in a record kind declaration is not valid ({value})",
        "Kind and field names are lower-case letters joined by _ (e.g. du_an_dau_tu); type is one of: count, "
        "number, quantity, money, text, date, yes_no, choice, partner, goods; required and list are true or "
        "false; label is a sentence.",
        usage=True,
    ),
    "kind-twice": Entry(
        E,
        "loại hồ sơ '{kind}' đã được khai báo trong {other}",
        "Mỗi loại hồ sơ khai báo trong một tệp: gộp hai tệp làm một.",
        "the record kind '{kind}' is already declared in {other}",
        "Declare each record kind in one file: merge the two files.",
        usage=True,
    ),
    "kind-incomplete": Entry(
        E,
        "'{key}' thiếu: {missing}",
        "Một trường mới cần type (kiểu) và label (tên gọi); một loại hồ sơ mới cần label.",
        "'{key}' lacks: {missing}",
        "A new field needs a type and a label; a new record kind needs a label.",
        usage=True,
    ),
    "kind-reserved-name": Entry(
        E,
        "không đặt được tên trường '{key}': tên này bcngv đã dùng",
        "Đặt tên khác cho trường, ví dụ thêm một từ: '{key}_du_an'.",
        "the field cannot be called '{key}': bcngv uses that name",
        "Give the field another name, e.g. with one more word: '{key}_du_an'.",
        usage=True,
    ),
    "kind-key-misplaced": Entry(
        E,
        "khóa '{key}' không dùng được với trường kiểu {type} (hoặc thiếu danh sách choices)",
        "choices chỉ dùng cho choice (và choice phải có choices); unit cho quantity; min, max cho count, number; "
        "pattern cho text; total_of cho count, number, quantity.",
        "the key '{key}' does not go with a field of type {type} (or choices are missing)",
        "choices only go with choice (and a choice needs them); unit with quantity; min and max with count and "
        "number; pattern with text; total_of with count, number, quantity.",
        usage=True,
    ),
    "kind-bad-total": Entry(
        E,
        "total_of của '{key}' nêu trường không có hoặc không phải số: {value}",
        "Liệt kê các trường số (count, number, quantity) của cùng loại hồ sơ mà '{key}' là tổng.",
        "total_of of '{key}' names fields that do not exist or are not numbers: {value}",
        "List the number fields (count, number, quantity) of the same kind that '{key}' is the total of.",
        usage=True,
    ),
    "kind-bad-default": Entry(
        E,
        "giá trị mặc định của '{key}' không hợp với kiểu của trường: {value}",
        "Giá trị mặc định phải là một giá trị trường nhận được (số cho count, true/false cho yes_no, một mã "
        "trong choices cho choice, [] cho danh sách), hoặc bỏ dòng default.",
        "the default of '{key}' does not fit the field's type: {value}",
        "A default must be a value the field accepts (a number for count, true/false for yes_no, a key of "
        "choices for choice, [] for a list), or leave the default out.",
        usage=True,
    ),
    "kind-bad-pattern": Entry(
        E,
        "mẫu kiểm tra (pattern) của '{key}' không dùng được: {value}",
        "Viết mẫu đơn giản, không dùng nhìn trước, nhìn sau hay tham chiếu ngược, ví dụ ^[0-9]{{4}}-[0-9]{{4}}$.",
        "the pattern of '{key}' cannot be used: {value}",
        "Write a plain pattern, with no look-ahead, look-behind or back-reference, e.g. ^[0-9]{{4}}-[0-9]{{4}}$.",
        usage=True,
    ),
    "unknown-report": Entry(
        E,
        "không có loại báo cáo '{value}'",
        "Các loại báo cáo trong bcngv.yaml: {choices}.",
        "there is no report kind '{value}'",
        "The report kinds in bcngv.yaml are: {choices}.",
        usage=True,
    ),
    "no-default-report": Entry(
        E,
        "chưa có loại báo cáo mặc định cho kỳ {period}",
        "Chọn loại báo cáo bằng --report; các loại: {choices}.",
        "no report kind is the default for the period {period}",
        "Choose one with --report; the report kinds are: {choices}.",
        usage=True,
    ),
    "unknown-signer": Entry(
        E,
        "không có người ký '{value}' trong mục signers",
        "Các người ký: {choices}.",
        "there is no signer '{value}' under signers",
        "The signers are: {choices}.",
        usage=True,
    ),
    "template-missing": Entry(
        E,
        "không tìm thấy mẫu báo cáo '{value}'",
        "Đặt tệp mẫu vào thư mục templates/ (hoặc dùng một mẫu có sẵn của bcngv) hoặc sửa tên mẫu trong bcngv.yaml.",
        "the report template '{value}' was not found",
        "Put the template in templates/ (or use one of bcngv's built-in templates) or fix its name in bcngv.yaml.",
        usage=True,
    ),
    "include-missing": Entry(
        E,
        "mẫu này dùng mẫu '{value}' nhưng không tìm thấy mẫu đó",
        "Kiểm tra tên mẫu trong lệnh include/import ở dòng này: chỉ dùng tên tệp trong thư mục templates/.",
        "this template uses the template '{value}', which was not found",
        "Check the template name in the include/import on this line: only names of files in templates/.",
    ),
    "invalid-report-id": Entry(
        E,
        "tên báo cáo '{value}' không hợp lệ",
        "Tên báo cáo được dùng làm tên tệp kết quả: chỉ dùng chữ thường không dấu, chữ số, '-' và '_' "
        "(tối đa 64 ký tự), ví dụ thang hoặc kiem-diem.",
        "the report id '{value}' is not valid",
        "A report id becomes the output file's name: use only lowercase letters a-z, digits, '-' and '_' "
        "(at most 64), e.g. thang or kiem-diem.",
        usage=True,
    ),
    "invalid-signer-id": Entry(
        E,
        "mã người ký '{value}' không hợp lệ",
        "Chỉ dùng chữ thường không dấu, chữ số, '-' và '_' (tối đa 64 ký tự), ví dụ pho_giam_doc.",
        "the signer id '{value}' is not valid",
        "Use only lowercase letters a-z, digits, '-' and '_' (at most 64), e.g. pho_giam_doc.",
        usage=True,
    ),
    "invalid-template-name": Entry(
        E,
        "tên mẫu báo cáo '{value}' không hợp lệ",
        "Ghi tên tệp mẫu nằm trong thư mục templates/, ví dụ thang.md.j2: chữ không dấu, chữ số, '.', "
        "'-', '_' và '/' giữa các thư mục con; không dùng '..' hay đường dẫn bắt đầu bằng '/'.",
        "the report template name '{value}' is not valid",
        "Give the name of a template file inside templates/, e.g. thang.md.j2: letters a-z, digits, '.', "
        "'-', '_' and '/' between subfolders; no '..' and no path starting with '/'.",
        usage=True,
    ),
    # --- templates ----------------------------------------------------------------------------
    "template-syntax": Entry(
        E,
        "lỗi cú pháp trong mẫu: {problem}",
        "Kiểm tra các cặp {{{{ }}}} và {{% %}} ở dòng này.",
        "syntax error in the template: {problem}",
        "Check the {{{{ }}}} and {{% %}} pairs on this line.",
    ),
    "template-undefined": Entry(
        E,
        "mẫu dùng tên chưa có: {problem}",
        "Kiểm tra chính tả tên biến, tên trường hoặc bộ lọc ở dòng này.",
        "the template uses a name that does not exist: {problem}",
        "Check the spelling of the variable, field or filter on this line.",
    ),
    "template-error": Entry(
        E,
        "mẫu báo cáo bị lỗi khi dựng: {problem}",
        "Kiểm tra biểu thức ở dòng này của mẫu.",
        "the template failed while rendering: {problem}",
        "Check the expression on this line of the template.",
    ),
    "template-time-limit": Entry(
        E,
        "mẫu báo cáo chạy quá {limit} giây nên đã bị dừng",
        "Một báo cáo chỉ cần vài giây; kiểm tra các vòng lặp {{% for %}} (nhất là vòng lặp lồng nhau) ở dòng này.",
        "the template ran for more than {limit} seconds and was stopped",
        "A report takes a few seconds at most; check the {{% for %}} loops (nested ones above all) on this line.",
    ),
    "template-value-limit": Entry(
        E,
        "mẫu báo cáo tạo ra một giá trị quá lớn (hơn {limit} ký tự hoặc phần tử, hoặc một số quá lớn) nên đã bị dừng",
        "Kiểm tra phép nhân, lũy thừa (**), độ rộng định dạng hoặc phép nối chuỗi ở dòng này; báo cáo không cần giá trị lớn như vậy.",
        "the template made a value that is too large (over {limit} characters or items, or a huge number) and was stopped",
        "Check the multiplication, power (**), format width or joining on this line; a report needs nothing that large.",
    ),
    "template-output-limit": Entry(
        E,
        "mẫu báo cáo tạo ra văn bản dài hơn {limit} ký tự nên đã bị dừng",
        "Kiểm tra vòng lặp in nội dung ở dòng này; cả một báo cáo năm chỉ dài khoảng 100.000 ký tự.",
        "the template produced more than {limit} characters of text and was stopped",
        "Check the loop printing text on this line; a whole yearly report is about 100,000 characters.",
    ),
    "template-depth-limit": Entry(
        E,
        "mẫu báo cáo gọi lồng nhau quá sâu (hơn {limit} tầng) nên đã bị dừng",
        "Kiểm tra macro gọi lại chính nó hoặc mẫu tự {{% include %}} chính nó ở dòng này.",
        "the template nests calls too deeply (over {limit} levels) and was stopped",
        "Check for a macro calling itself or a template that {{% include %}}s itself on this line.",
    ),
    "template-memory-limit": Entry(
        E,
        "mẫu báo cáo dùng quá nhiều bộ nhớ (hơn {limit} MiB) nên đã bị dừng",
        "Kiểm tra vòng lặp tạo hoặc gom dữ liệu ở dòng này; báo cáo không cần nhiều bộ nhớ như vậy.",
        "the template used too much memory (over {limit} MiB) and was stopped",
        "Check the loop making or collecting values on this line; a report needs nothing like that much memory.",
    ),
    "heading-numbered": Entry(
        E,
        "đề mục '{heading}' đã có số '{number}' ở đầu nên sẽ bị đánh số hai lần",
        "Bỏ số ở đầu đề mục; bcngv tự đánh số theo outline của loại báo cáo trong bcngv.yaml.",
        "the heading '{heading}' starts with its own number '{number}', so it would be numbered twice",
        "Remove the number at the start of the heading; bcngv numbers headings by the report kind's outline in bcngv.yaml.",
    ),
    # --- the document and its PDF -------------------------------------------------------------
    "reference-invalid": Entry(
        E,
        "tệp kiểu dáng templates/reference.docx không đọc được ({problem})",
        "Mở tệp bằng Word và lưu lại dạng Word Document (.docx), "
        "hoặc xóa tệp để dùng kiểu dáng mặc định của bcngv.",
        "the style file templates/reference.docx cannot be read ({problem})",
        "Open it in Word and save it again as a Word Document (.docx), or delete it to use bcngv's own styles.",
    ),
    "output-not-writable": Entry(
        E,
        "không ghi được tệp ({problem})",
        "Nếu tệp đang mở trong Word thì đóng lại; kiểm tra thư mục ghi (--out) có tồn tại "
        "và được phép ghi; rồi chạy lại lệnh.",
        "the file cannot be written ({problem})",
        "If the file is open in Word, close it; check that the output folder (--out) exists "
        "and is writable; then run the command again.",
        usage=True,
    ),
    "libreoffice-missing": Entry(
        E,
        "không tìm thấy LibreOffice nên chưa tạo được tệp PDF; tệp .docx vẫn đã được ghi",
        "Cài LibreOffice (libreoffice.org) rồi chạy lại lệnh, hoặc mở tệp .docx bằng Word và chọn Lưu thành PDF.",
        "LibreOffice was not found, so no PDF was made; the .docx has been written all the same",
        "Install LibreOffice (libreoffice.org) and run the command again, "
        "or open the .docx in Word and save it as PDF.",
        usage=True,
    ),
    "pdf-failed": Entry(
        E,
        "LibreOffice không chuyển được báo cáo sang PDF ({problem}); chưa ghi tệp nào, các tệp cũ vẫn giữ nguyên",
        "Chạy lại lệnh không có --pdf để có tệp .docx, mở tệp đó bằng LibreOffice hoặc Word để xem lỗi; "
        "hoặc lưu thành PDF từ Word.",
        "LibreOffice could not convert the report to PDF ({problem}); no file has been written, "
        "the previous files are unchanged",
        "Run the command again without --pdf to get the .docx and open it in LibreOffice or Word to see "
        "what is wrong; or save it as PDF from Word.",
        usage=True,
    ),
    # --- periods ------------------------------------------------------------------------------
    "invalid-period": Entry(
        E,
        "kỳ báo cáo '{value}' không đúng dạng",
        "Viết kỳ theo một trong các dạng: {forms} (tháng, quý, 6 tháng, 9 tháng đầu năm, năm, từ … đến …).",
        "the period '{value}' is not in a known form",
        "Write the period in one of these forms: {forms} (month, quarter, half year, first 9 months, year, from … to …).",
        usage=True,
    ),
    "as-of-before-period": Entry(
        E,
        "ngày chốt số liệu {value} ở trước {period}",
        "Chọn --as-of là một ngày trong hoặc sau kỳ báo cáo, hoặc bỏ --as-of.",
        "the as-of date {value} comes before {period}",
        "Choose an --as-of date inside or after the period, or leave --as-of out.",
        usage=True,
    ),
    "no-such-figure": Entry(
        E,
        "báo cáo {period} không có số liệu nào in là '{value}'",
        "Chạy lệnh explain không kèm chữ này để xem mọi số liệu của báo cáo.",
        "the report for {period} prints no figure as '{value}'",
        "Run explain without this text to see every figure of the report.",
        usage=True,
    ),
    # bcngv serve: where it may listen
    "serve-needs-password": Entry(
        E,
        "không mở trang web cho máy khác truy cập ({host}) khi chưa đặt mật khẩu",
        "Bỏ --host để chỉ mở trên máy này, hoặc đặt mật khẩu bằng biến môi trường BCNGV_PASSWORD hay tùy chọn --password.",
        "will not serve to other machines ({host}) without a password",
        "Leave --host out to serve this machine only, or set a password with the BCNGV_PASSWORD variable or --password.",
        usage=True,
    ),
    "serve-cannot-listen": Entry(
        E,
        "không mở được cổng {port} trên {host}: {problem}",
        "Chọn cổng khác bằng --port, ví dụ --port 8081, hoặc tắt chương trình đang dùng cổng này.",
        "cannot listen on port {port} of {host}: {problem}",
        "Choose another port with --port, e.g. --port 8081, or stop the program using this one.",
        usage=True,
    ),
}


# key → (Vietnamese, English); `{name}` placeholders are filled by `text(key, name=…)`
TEXTS: dict[str, tuple[str, str]] = {
    "app": (
        "bcngv (báo cáo ngoại vụ): kiểm tra hồ sơ YAML và lập báo cáo .docx theo Nghị định 30/2020.",
        "bcngv (foreign affairs reports): check YAML records and build Decree 30/2020 .docx reports.",
    ),
    # options shared by several commands
    "opt.root": (
        "Thư mục kho hồ sơ (mặc định: thư mục có bcngv.yaml).",
        "The records repository (default: the folder that holds bcngv.yaml).",
    ),
    "opt.format": ("Dạng in lỗi: text, json hoặc github.", "How problems are printed: text, json or github."),
    "opt.strict": ("Coi cảnh báo là lỗi.", "Treat warnings as errors."),
    "opt.no_cache": (
        "Không đọc, không ghi bộ nhớ đệm (~/.cache/bcngv, kiểm tra lại từ đầu).",
        "Neither read nor write the cache (~/.cache/bcngv; check everything afresh).",
    ),
    "opt.lang": ("Ngôn ngữ thông báo: vi (mặc định) hoặc en.", "Language of messages: vi (default) or en."),
    "opt.quiet": ("Chỉ in lỗi, không in tiến trình và tóm tắt.", "Print errors only: no progress, no summary."),
    "opt.verbose": ("In thêm thời gian của từng bước.", "Also print how long each step took."),
    "opt.period": (
        "Kỳ báo cáo, ví dụ 2022-07, 2022-Q3, 2022-9M, 2022.",
        "The report's period, e.g. 2022-07, 2022-Q3, 2022-9M, 2022.",
    ),
    "opt.report": ("Loại báo cáo trong bcngv.yaml.", "The report kind in bcngv.yaml."),
    "opt.as_of": (
        "Ngày chốt số liệu (bỏ qua hồ sơ sau ngày này); cũng là ngày ký nếu không có --date.",
        "The figures' cut-off (records after it are left out); also the signing date without --date.",
    ),
    "opt.date": (
        "Ngày ký ghi ở dòng địa danh, ngày tháng (mặc định: ngày chốt số liệu).",
        "The signing date on the place-and-date line (default: the cut-off date).",
    ),
    "build.document": (
        "Tệp văn bản đã ban hành trong van-ban/, để lập lại đúng văn bản đó.",
        "An issued-document file under van-ban/, to rebuild exactly that document.",
    ),
    "opt.out": ("Thư mục ghi báo cáo.", "The folder the report is written to."),
    "opt.number": ("Số văn bản (để trống cho văn thư).", "The document number (left blank for the clerk)."),
    "opt.pdf": ("Ghi thêm tệp PDF bằng LibreOffice.", "Also write a PDF through LibreOffice."),
    # commands
    "build": (
        "Lập một báo cáo .docx: một văn bản đã ban hành (tệp trong van-ban/) hoặc bản nháp cho một kỳ (--period), và tệp PDF với --pdf.\n\n"
        "Không ghi được tệp, hoặc thiếu LibreOffice cho --pdf (tệp .docx vẫn được ghi): mã thoát 2.",
        "Build one .docx report: an issued document (a file under van-ban/) or a draft for a period (--period), and a PDF with --pdf.\n\n"
        "A file that cannot be written, or no LibreOffice for --pdf (the .docx is still written): exit code 2.",
    ),
    "check": ("Kiểm tra mọi hồ sơ và in tất cả lỗi kèm tệp:dòng:cột.", "Check every record and print every problem with file:line:col."),
    "check.paths": (
        "Tệp hoặc thư mục cần kiểm tra (mặc định: records/).",
        "Files or folders to check (default: records/).",
    ),
    "schema": (
        "In lược đồ JSON (JSON Schema 2020-12) của một hồ sơ, để trình soạn thảo gợi ý trường và giá trị.",
        "Print the JSON Schema (2020-12) of a record, so that editors complete fields and values.",
    ),
    "new": (
        "Tạo một hồ sơ mẫu trong records/NĂM/THÁNG/ với mọi trường và các giá trị được phép.",
        "Write a record to fill in under records/YEAR/MONTH/, with every field and its allowed values.",
    ),
    "new.kind": ("Loại hồ sơ, ví dụ doan_ra, tham_muu, dich_thuat.", "The record kind, e.g. doan_ra, tham_muu, dich_thuat."),
    "new.date": ("Ngày của hoạt động (mặc định: hôm nay).", "The activity's date (default: today)."),
    "new.like": ("Lấy các giá trị của một hồ sơ có sẵn.", "Start from the values of an existing record."),
    "explain": (
        "Cho biết mỗi số liệu của báo cáo được tính thế nào, từ những hồ sơ nào.",
        "Show how each figure of the report is computed, and from which records.",
    ),
    "explain.text": (
        "Số liệu như in trong báo cáo, ví dụ '05/08 (tỷ lệ 63%)'.",
        "A figure as the report prints it, e.g. '05/08 (tỷ lệ 63%)'.",
    ),
    "list": (
        "Liệt kê các văn bản đã ban hành (thư mục van-ban/), mỗi văn bản lập lại được bằng `bcngv build TỆP`.",
        "List the issued documents (the van-ban/ folder); each is rebuilt by `bcngv build FILE`.",
    ),
    "stats": (
        "Đếm và cộng hồ sơ theo loại và theo tháng của một kỳ, không lập báo cáo.",
        "Count and add up a period's records by kind and month, without building a report.",
    ),
    "show": (
        "Xem nhanh báo cáo ngay trong cửa sổ lệnh, không ghi tệp .docx.",
        "Read the report in the terminal, without writing a .docx.",
    ),
    "watch": (
        "Lập lại báo cáo mỗi khi một hồ sơ, mẫu báo cáo hoặc bcngv.yaml thay đổi (dừng bằng Ctrl-C).",
        "Rebuild the report whenever a record, a template or bcngv.yaml changes (stop with Ctrl-C).",
    ),
    "watch.interval": ("Số giây giữa hai lần dò thay đổi.", "Seconds between two looks for changes."),
    "watch.rebuilds": (
        "Dừng sau chừng ấy lần lập lại (mặc định: chạy đến khi bấm Ctrl-C).",
        "Stop after this many rebuilds (default: run until Ctrl-C).",
    ),
    "watch.waiting": ("Đang theo dõi thay đổi; bấm Ctrl-C để dừng.", "Watching for changes; press Ctrl-C to stop."),
    "watch.changed": ("[{time}] có thay đổi, lập lại báo cáo.", "[{time}] something changed, rebuilding."),
    "init": (
        "Tạo một kho hồ sơ mới: bcngv.yaml, danh mục, hồ sơ ví dụ, CI và hướng dẫn "
        "(mẫu báo cáo: mẫu có sẵn của bcngv).",
        "Create a new records repository: bcngv.yaml, catalog, an example record, CI and a guide "
        "(report templates: bcngv's built-in ones).",
    ),
    "init.dir": ("Thư mục của kho mới (chưa có hoặc đang trống).", "The new repository's folder (missing or empty)."),
    "init.done": (
        "Đã tạo kho hồ sơ ở {folder} ({files} tệp). Tiếp theo: sửa bcngv.yaml, rồi chạy `bcngv check` trong thư mục đó. "
        "Báo cáo dùng mẫu có sẵn của bcngv; muốn sửa một mẫu, chép nó vào templates/ (xem README.md).",
        "Created a records repository in {folder} ({files} files). Next: edit bcngv.yaml, then run `bcngv check` there. "
        "Reports use bcngv's built-in templates; to change one, copy it into templates/ (see README.md).",
    ),
    "init.git_made": (
        "Đã tạo kho git trong {folder}: mỗi lần sửa xong hồ sơ, lưu lại bằng `git add -A` rồi `git commit -m \"…\"`.",
        "Made {folder} a git repository: after each change to the records, keep it with `git add -A` then `git commit -m \"…\"`.",
    ),
    "init.git_inside": (
        "{folder} nằm trong một kho git có sẵn: lịch sử hồ sơ được lưu trong kho đó.",
        "{folder} is inside a git repository already, which keeps the records' history.",
    ),
    "init.git_missing": (
        "Máy chưa có git nên chưa tạo được kho git: cài git (https://git-scm.com/downloads) rồi chạy `git init {folder}`.",
        "git is not installed, so no git repository was made: install git (https://git-scm.com/downloads), then run `git init {folder}`.",
    ),
    "init.git_failed": (
        "Chưa tạo được kho git: chạy `git init {folder}` để xem git báo lỗi gì.",
        "No git repository was made: run `git init {folder}` to see what git says.",
    ),
    # notices
    "bad-date": (
        "'{value}' không phải ngày dạng NĂM-THÁNG-NGÀY. {suggestion}Viết ngày như 2022-07-29.",
        "'{value}' is not a date written YEAR-MONTH-DAY. {suggestion}Write a date like 2022-07-29.",
    ),
    "bad-number": (
        "'{value}' không phải một số từ {minimum} trở lên",
        "'{value}' is not a number of at least {minimum}",
    ),
    "bad-format": ("--format: '{value}' không hợp lệ; chọn một trong {choices}", "--format: '{value}' is not valid; choose one of {choices}"),
    # table headings
    "explain.headings": ("Số liệu|Giá trị|Cách tính|Hồ sơ", "Figure|Value|Query|Records"),
    "stats.headings": ("Loại hồ sơ|Cộng", "Record kind|Total"),
    "list.headings": ("Tệp|Loại báo cáo|Kỳ|Số|Ngày ký", "File|Report|Period|Number|Signed on"),
    # the console: steps and summaries
    "step.configure": ("Đọc cấu hình", "Reading the configuration"),
    "step.load": ("Đọc và kiểm tra hồ sơ", "Reading and checking records"),
    "step.compile": ("Dịch mẫu báo cáo", "Compiling templates"),
    "step.compose": ("Soạn báo cáo", "Composing the report"),
    "step.lay_out": ("Dàn trang", "Laying out"),
    "step.write": ("Ghi tệp", "Writing"),
    "seconds": ("{value} giây", "{value} s"),
    "summary.built": (
        "Đã lập {output}: {records} hồ sơ, {figures} số liệu, {warnings} cảnh báo ({seconds}).",
        "Wrote {output}: {records} records, {figures} figures, {warnings} warnings ({seconds}).",
    ),
    "summary.previous": (
        "Tệp {output} trong thư mục là báo cáo cũ, lập lúc {built}, chưa có các thay đổi mới.",
        "The file {output} in the folder is the previous report, built at {built}, without the latest changes.",
    ),
    "summary.kept": (
        "Báo cáo đã bị sửa sau khi bcngv lập nên được giữ lại thành {output}; chép phần sửa sang báo cáo mới nếu cần.",
        "The report had been changed after bcngv wrote it, so it was kept as {output}; "
        "carry the changes over if needed.",
    ),
    "summary.pdf_removed": (
        "Đã xóa {output} vì là bản PDF của báo cáo cũ; chạy lại với --pdf để có bản PDF mới.",
        "Removed {output}: it was the PDF of the previous report; run again with --pdf for a new one.",
    ),
    "summary.checked": (
        "{files} tệp, {records} hồ sơ hợp lệ; {errors} lỗi, {warnings} cảnh báo.",
        "{files} files, {records} valid records; {errors} errors, {warnings} warnings.",
    ),
    "summary.failed": (
        "Chưa lập được báo cáo: {errors} lỗi, {warnings} cảnh báo trong {records} hồ sơ ({seconds}). Sửa các lỗi trên rồi chạy lại.",
        "No report written: {errors} errors, {warnings} warnings in {records} records ({seconds}). Fix the problems above and run again.",
    ),
    "hint": ("gợi ý", "hint"),  # the label before a diagnostic's hint in the text format
    # what YAML 1.1 made of a bare yes/no/on/off (the {meaning} of ambiguous-boolean)
    "yaml.true": ("true (đúng)", "true"),
    "yaml.false": ("false (sai)", "false"),
    # what YAML could not read, in plain words (the {problem} of yaml-syntax; English keeps libyaml's own)
    "yaml.problem.colon": ("dấu hai chấm đặt sai chỗ", "a colon where none may be"),
    "yaml.problem.no_colon": ("thiếu dấu hai chấm sau tên trường", "a field name without its colon"),
    "yaml.problem.indent": ("dòng thụt lề không khớp với các dòng trên", "a line indented unlike those above"),
    "yaml.problem.dash": ("dấu gạch đầu dòng '-' đặt sai chỗ", "a dash '-' where none may be"),
    "yaml.problem.unclosed": ("tệp hết mà dấu nháy hoặc dấu ngoặc vẫn chưa đóng",
                              "the file ends before a quote or bracket is closed"),
    "yaml.problem.sign": ("giá trị bắt đầu bằng một dấu không được đứng đầu", "a value starts with a reserved sign"),
    "yaml.problem.other": ("không đọc được cách ghi từ chỗ này", "the file cannot be read from here"),
    "value.empty": ("(để trống)", "(empty)"),
    # the name of a report a person changed after bcngv wrote it, kept beside the new one (output.py)
    "output.edited": ("{name} (đã sửa {time})", "{name} (edited {time})"),
    # what a value of each type looks like (the {expected} of check's hints, the comments of `new`)
    "expected.bool": ("true hoặc false", "true or false"),
    "expected.int": ("một số nguyên, ví dụ 12", "a whole number, e.g. 12"),
    "expected.decimal": ("một số, ví dụ 1150000 (không có dấu chấm phân cách)", "a number, e.g. 1150000 (no separators)"),
    "expected.date": ("một ngày có thật dạng NĂM-THÁNG-NGÀY, ví dụ 2022-07-29", "a real date as YEAR-MONTH-DAY, e.g. 2022-07-29"),
    "expected.text": ("một đoạn chữ", "some text"),
    "expected.money": ("một số tiền kèm đơn vị, ví dụ 250000 USD", "an amount and its currency, e.g. 250000 USD"),
    "expected.list": ("một danh sách, ví dụ [bolikhamxay, khammuon]", "a list, e.g. [bolikhamxay, khammuon]"),
    "expected.mapping": ("các trường con dạng 'tên: giá trị'", "nested 'name: value' fields"),
    "expected.money_list": ("một danh sách số tiền, ví dụ [2600000000 LAK]", "a list of amounts, e.g. [2600000000 LAK]"),
    "expected.one_of": ("một trong: {values}", "one of: {values}"),
    "expected.other": ("một giá trị khác", "another value"),
    # the {problem} of invalid-catalog
    "catalog.needs_name": ("'{ident}' cần 'name'", "'{ident}' needs a 'name'"),
    "catalog.too_long": ("{ident}: > {limit} ký tự", "{ident}: > {limit} characters"),
    # a query of a template that cannot be answered (the {problem} of template-error)
    "query.no_field": ("hồ sơ không có trường '{attribute}'", "no record has a field '{attribute}'"),
    "query.unknown_kind": ("không có loại hồ sơ {wrong}; chọn trong: {allowed}",
                           "there is no record kind {wrong}; choose from: {allowed}"),
    "query.unknown_work_field": ("không có lĩnh vực {wrong}; chọn trong: {allowed}",
                                 "there is no field of work {wrong}; choose from: {allowed}"),
    "query.unknown_topic": ("không có chủ đề {wrong} (khai báo ở topics: của bcngv.yaml); chọn trong: {allowed}",
                            "there is no topic {wrong} (topics are declared under topics: in bcngv.yaml); choose from: {allowed}"),
    "query.unknown_currency": ("không có loại tiền {wrong}; chọn trong: {allowed}",
                               "there is no currency {wrong}; choose from: {allowed}"),
    "query.bad_value": (
        "giá trị {value} không dùng được trong truy vấn; dùng chữ, số, true/false hoặc danh sách",
        "the value {value} cannot be used in a query; use text, a number, true/false or a list",
    ),
    "query.not_a_number": (
        "trường '{attribute}' không phải số nên không cộng được",
        "the field '{attribute}' is not a number, so it cannot be added up",
    ),
    "query.several_units": (
        "'{attribute}' có nhiều đơn vị ({units}): cộng riêng từng đơn vị, ví dụ sum('{attribute}', unit='{unit}')",
        "'{attribute}' holds several units ({units}): add up each one alone, e.g. sum('{attribute}', unit='{unit}')",
    ),
    "query.no_state": (
        "chưa có hồ sơ so_lieu nào ghi số liệu '{subject}' đến thời điểm của báo cáo",
        "no so_lieu record gives the figure '{subject}' by the report's date",
    ),
    "query.mixed_units": (
        "không tính '{operation}' được giữa số liệu đơn vị {left} và số liệu đơn vị {right}",
        "cannot apply '{operation}' to a figure in {left} and a figure in {right}",
    ),
    "template.wrong_unit": (
        "số liệu này tính bằng {unit}, không in được theo đơn vị '{asked}'",
        "this figure is in {unit}; it cannot be printed in '{asked}'",
    ),
    "template.bad_approximation": (
        "không có từ ước lượng '{word}'; chọn trong: {allowed}",
        "there is no approximation word '{word}'; choose from: {allowed}",
    ),
    "template.needs_figure": (
        "{name} cần số liệu tính từ hồ sơ (count, sum), không nhận {value}",
        "{name} takes a figure computed from records (count, sum), not {value}",
    ),
    # the command line's own words (bcngv.usage): help pages, the usage line, its mistakes
    "cli.usage": ("Cách dùng:", "Usage:"),
    "cli.options_metavar": ("[TÙY_CHỌN]", "[OPTIONS]"),
    "cli.command_metavar": ("LỆNH [THAM_SỐ]...", "COMMAND [ARGS]..."),
    "cli.arguments": ("Tham số", "Arguments"),
    "cli.options": ("Tùy chọn", "Options"),
    "cli.commands": ("Lệnh", "Commands"),
    "cli.help_option": ("In hướng dẫn này rồi thoát.", "Show this message and exit."),
    "cli.default": ("mặc định: {value}", "default: {value}"),
    "cli.required": ("bắt buộc", "required"),
    "cli.try_help": ("Xem '{command} --help' để biết cách dùng.", "Try '{command} --help' for help."),
    "cli.error": ("Lỗi: {problem}", "Error: {problem}"),
    "cli.aborted": ("Đã dừng.", "Aborted."),
    "cli.no_such_command": (
        "không có lệnh '{name}'. {suggestion}Các lệnh: {commands}.",
        "there is no command '{name}'. {suggestion}The commands: {commands}.",
    ),
    "cli.missing_command": ("cần cho biết lệnh nào, ví dụ `bcngv check`", "name a command, e.g. `bcngv check`"),
    "cli.no_such_option": ("không có tùy chọn {option}. {suggestion}", "there is no option {option}. {suggestion}"),
    "cli.missing_option": ("thiếu tùy chọn {name}", "missing option {name}"),
    "cli.missing_argument": ("thiếu tham số {name}", "missing argument {name}"),
    "cli.bad_value": ("giá trị của {name} không dùng được: {problem}", "invalid value for {name}: {problem}"),
    "cli.takes_no_value": ("tùy chọn {option} không nhận giá trị", "the option {option} takes no value"),
    "cli.needs_value": ("tùy chọn {option} cần một giá trị", "the option {option} needs a value"),
    "cli.extra_arguments": ("thừa tham số: {words}", "unexpected extra arguments: {words}"),
    "opt.install_completion": (
        "Cài gợi ý tự hoàn thành lệnh (phím Tab) cho cửa sổ lệnh đang dùng.",
        "Install completion (the Tab key) for the current shell.",
    ),
    "opt.show_completion": (
        "In đoạn mã gợi ý tự hoàn thành lệnh của cửa sổ lệnh đang dùng, để chép hoặc tự cài.",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    # what a value of an option or an argument is, as help and usage name it (`--period KỲ`); an
    # argument's name is also where `check` places a problem of it (`LOẠI: error unknown-kind`)
    "meta.folder": ("THƯ_MỤC", "FOLDER"),
    "meta.file": ("TỆP", "FILE"),
    "meta.format": ("DẠNG", "FORMAT"),
    "meta.lang": ("NGÔN_NGỮ", "LANGUAGE"),
    "meta.period": ("KỲ", "PERIOD"),
    "meta.report": ("LOẠI_BÁO_CÁO", "REPORT"),
    "meta.date": ("NGÀY", "DATE"),
    "meta.number": ("SỐ", "NUMBER"),
    "meta.seconds": ("GIÂY", "SECONDS"),
    "meta.times": ("SỐ_LẦN", "TIMES"),
    "meta.host": ("ĐỊA_CHỈ", "ADDRESS"),
    "meta.password": ("MẬT_KHẨU", "PASSWORD"),
    "meta.paths": ("TỆP_HOẶC_THƯ_MỤC", "PATHS"),
    "arg.KIND": ("LOẠI", "KIND"),
    "arg.TEXT": ("SỐ_LIỆU", "TEXT"),
    # bcngv serve: the command, then the words of its pages (serve/app.py lists those the templates use)
    "serve": (
        "Mở trang web nhập và sửa hồ sơ bằng biểu mẫu, xem trước báo cáo và tải tệp .docx (dừng bằng Ctrl-C).",
        "Open the web pages to add and edit records in forms, preview reports and download the .docx (stop with Ctrl-C).",
    ),
    "serve.port": ("Cổng của trang web.", "The web pages' port."),
    "serve.host": (
        "Địa chỉ mở trang web (mặc định 127.0.0.1: chỉ máy này); địa chỉ khác cần mật khẩu.",
        "The address to serve on (default 127.0.0.1: this machine only); any other needs a password.",
    ),
    "serve.password_option": (
        "Mật khẩu vào trang web (hoặc biến môi trường BCNGV_PASSWORD).",
        "The password of the web pages (or the BCNGV_PASSWORD variable).",
    ),
    "serve.started": (
        "Mở trình duyệt tại {url} (bấm Ctrl-C để dừng).",
        "Open {url} in a browser (press Ctrl-C to stop).",
    ),
    "serve.title": ("Hồ sơ ngoại vụ", "Foreign affairs records"),
    "serve.nav_records": ("Hồ sơ", "Records"),
    "serve.nav_report": ("Báo cáo", "Reports"),
    "serve.password": ("Cần mật khẩu để vào trang này.", "A password is needed to open this page."),
    "serve.cross_site": (
        "Biểu mẫu này không gửi từ trang của bcngv (hoặc trang đã mở quá lâu): mở lại trang rồi gửi lại.",
        "This form was not sent from a bcngv page (or the page is too old): open the page again and resend.",
    ),
    "serve.too_large": ("Biểu mẫu gửi lên quá lớn.", "The form sent is too large."),
    "serve.refused": ("Không thực hiện được", "Not done"),
    "serve.back": ("Quay lại danh sách hồ sơ", "Back to the records"),
    "serve.path_refused": (
        "Không mở, không ghi tệp '{path}': chỉ hồ sơ trong thư mục records/ mới sửa được ở đây.",
        "Will not open or write '{path}': only records under records/ are edited here.",
    ),
    "serve.no_kind": ("Không có loại hồ sơ '{kind}'.", "There is no record kind '{kind}'."),
    "serve.no_report": ("Chọn kỳ báo cáo hoặc văn bản đã ban hành.", "Choose a period or an issued document."),
    "serve.no_form": (
        "Tệp này chưa đọc được thành hồ sơ nên chưa có biểu mẫu; sửa các lỗi dưới đây bằng trình soạn thảo.",
        "This file cannot be read as a record yet, so it has no form; fix the problems below in an editor.",
    ),
    "serve.severity_error": ("Lỗi:", "Error:"),
    "serve.severity_warning": ("Cảnh báo:", "Warning:"),
    "serve.records_of": ("Hồ sơ tháng {month}", "Records of {month}"),
    "serve.preview_month": ("Xem báo cáo tháng {month}", "Preview the report of {month}"),
    "serve.new_kind": ("Loại hồ sơ", "Record kind"),
    "serve.new_date": ("Ngày", "Date"),
    "serve.new": ("Thêm hồ sơ", "Add a record"),
    "serve.any_kind": ("Mọi loại", "Any kind"),
    "serve.any_field": ("Mọi lĩnh vực", "Any field"),
    "serve.words": ("Tìm chữ…", "Find words…"),
    "serve.filter": ("Lọc", "Filter"),
    "serve.col_date": ("Ngày", "Date"),
    "serve.col_kind": ("Loại", "Kind"),
    "serve.col_words": ("Nội dung", "Words"),
    "serve.col_problems": ("Lỗi, cảnh báo", "Problems"),
    "serve.no_records": ("Không có hồ sơ nào.", "No records."),
    "serve.not_written": ("(hồ sơ mới, chưa lưu)", "(a new record, not saved yet)"),
    "serve.saved_committed": ("Đã lưu và ghi vào lịch sử.", "Saved, and kept in the history."),
    "serve.saved_written": ("Đã lưu.", "Saved."),
    "serve.conflict": (
        "Tệp này đã được sửa (trên máy hoặc bởi người khác) sau khi bạn mở nên chưa lưu. So sánh hai bản dưới đây; "
        "bấm Lưu lần nữa để ghi bản của bạn đè lên.",
        "This file was changed (on disk or by someone else) after you opened it, so nothing was saved. Compare "
        "the two versions below; press Save again to write yours over it.",
    ),
    "serve.conflict_disk": ("Bản hiện có", "The file as it is now"),
    "serve.conflict_yours": ("Bản của bạn", "Your version"),
    "serve.yes": ("có", "yes"),
    "serve.no": ("không", "no"),
    "serve.search_partner": ("Tìm theo tên hoặc cách viết khác…", "Search by name or other spelling…"),
    "serve.placeholders": ("Chèn:", "Insert:"),
    "serve.lines_goods": (
        "Mỗi dòng một loại hàng: số lượng {separator} đơn vị {separator} tên hàng, ví dụ 20 {separator} bộ {separator} máy vi tính",
        "One kind of goods a line: quantity {separator} unit {separator} name, e.g. 20 {separator} bộ {separator} máy vi tính",
    ),
    "serve.lines_money": ("Mỗi dòng một số tiền, ví dụ 250000 USD", "One amount a line, e.g. 250000 USD"),
    "serve.many": ("Nhiều giá trị: cách nhau bằng dấu phẩy.", "Several values: separate them with commas."),
    "serve.author": ("Tên người sửa (ghi vào lịch sử)", "Your name (kept in the history)"),
    "serve.needs_name": ("Ghi tên của bạn để lưu.", "Give your name to save."),
    "serve.history_off": (
        "Thư mục hồ sơ không phải kho git nên không ghi lịch sử sửa đổi; hồ sơ vẫn được lưu.",
        "The records folder is not a git repository, so history is off; records are still saved.",
    ),
    "serve.save": ("Lưu", "Save"),
    "serve.history": ("Lịch sử", "History"),
    "serve.no_history": ("Chưa có trong lịch sử.", "Not in the history yet."),
    "serve.period": ("Kỳ", "Period"),
    "serve.report_kind": ("Loại báo cáo", "Report kind"),
    "serve.default_report": ("(mặc định của kỳ)", "(the period's default)"),
    "serve.show": ("Xem", "Show"),
    "serve.document": ("Văn bản đã ban hành", "Issued document"),
    "serve.download_docx": ("Tải tệp .docx", "Download the .docx"),
    "serve.download_pdf": ("Tải tệp PDF", "Download the PDF"),
    "serve.figures": ("Số liệu và hồ sơ", "Figures and their records"),
    "serve.commit_new": ("Thêm hồ sơ {kind} {date} ({path})", "Add record {kind} {date} ({path})"),
    "serve.commit_edit": ("Sửa {changes} trong {path}", "Change {changes} in {path}"),
    "serve.no_change": ("không đổi trường nào", "no field changed"),
}


_language = "vi"


def set_language(lang: str | None) -> None:
    """Choose the language of every word; None reads BCNGV_LANG, defaulting to Vietnamese."""
    global _language
    chosen = (lang or os.environ.get("BCNGV_LANG") or "vi").lower()[:2]
    _language = chosen if chosen in LANGUAGES else "vi"


def language() -> str:
    return _language


def startup_language(argv: Sequence[str]) -> str | None:
    """The value of `--lang` on the command line (`--lang en` or `--lang=en`), else BCNGV_LANG."""
    for index, word in enumerate(argv):
        if word.startswith("--lang="):
            return word.removeprefix("--lang=")
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return os.environ.get("BCNGV_LANG")


class MissingArgument(KeyError):
    """A placeholder of a catalogue entry was given no argument: a bug of the caller, never the
    user's; raised rather than printing `{name}`."""


@cache
def placeholders(template: str) -> frozenset[str]:
    """The names of a text's `{name}` placeholders (`{{` and `}}` are literal braces, not names)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name is not None)


def _format(template: str, args: Mapping[str, object], where: str) -> str:
    try:
        return template.format(**args)
    except (KeyError, IndexError) as missing:
        raise MissingArgument(f"{where}: no argument for {{{missing.args[0]}}} in {template!r}") from None


# --- the texts ----------------------------------------------------------------------------------
def _choose(key: str, lang: str | None = None) -> str:
    vi, en = TEXTS[key]
    return en if (lang or _language) == "en" else vi


def text(key: str, **args: object) -> str:
    """The text `key` in the current language, its placeholders filled from `args`."""
    return _format(_choose(key), args, key)


def in_both(key: str, **args: object) -> tuple[str, str]:
    """The text `key` in Vietnamese and in English, for words kept before the language is known."""
    return _format(_choose(key, "vi"), args, key), _format(_choose(key, "en"), args, key)


def both(key: str, argument: str = "problem", /, **args: object) -> dict[str, str]:
    """The text `key` as the arguments `<argument>_vi` and `<argument>_en` of a diagnostic: a
    diagnostic made now (and perhaps cached) is printed in the language of the run that prints it."""
    vi, en = in_both(key, **args)
    return {f"{argument}_vi": vi, f"{argument}_en": en}


def seconds(value: float) -> str:
    """`0,8 giây` / `0.8 s`: a duration as the reader writes decimals."""
    return text("seconds", value=number(round(value, 1)))


def number(value: float) -> str:
    """`20.000`, `0,05` / `20,000`, `0.05`: a number on the console as the reader writes it (the
    reports' own numbers are render.vietnamese's)."""
    shown = f"{value:,}"
    return shown.translate(str.maketrans(",.", ".,")) if _language == "vi" else shown


# --- the diagnostics ----------------------------------------------------------------------------
def severity(code: str) -> str:
    return CATALOGUE[code].severity


def is_usage(code: str) -> bool:
    return CATALOGUE[code].usage


_DID_YOU_MEAN = {"vi": "Có phải là {close}? ", "en": "Did you mean {close}? "}


def did_you_mean(close: Sequence[str], lang: str | None = None) -> str:
    """`Có phải là 'a' / 'b'? ` (with its trailing space, to stand before the next sentence), or
    nothing when there is no close spelling: the one way a suggestion is worded."""
    quoted = " / ".join(f"'{c}'" for c in close)
    return _DID_YOU_MEAN[lang or _language].format(close=quoted) if close else ""
# filled by `_fill` itself, never by a caller
_FILLED = frozenset({"suggestion"})


@cache
def needed(code: str) -> frozenset[str]:
    """The arguments a diagnostic of `code` must be given: the placeholders of its message and hint
    in both languages (an argument `x` may come as `x_vi` and `x_en`)."""
    entry = CATALOGUE[code]
    return frozenset().union(*map(placeholders, (entry.vi, entry.vi_hint, entry.en, entry.en_hint))) - _FILLED


def check_arguments(code: str, args: Mapping[str, object]) -> None:
    """Raise when `code` is unknown or an argument its words need is missing, where the diagnostic
    is made rather than where it is printed, so that the test of the faulty caller fails."""
    given = set(args) | {k.removesuffix(suffix) for k in args for suffix in ("_vi", "_en") if k.endswith(suffix)}
    missing = needed(code) - given
    if missing:
        raise MissingArgument(f"{code}: no argument for {', '.join(sorted(missing))}")


def _fill(template: str, args: Mapping[str, object], lang: str, where: str) -> str:
    # `close` (nearest valid spellings) becomes a "did you mean" sentence in the message's language
    filled = {"suggestion": did_you_mean(args.get("close") or (), lang), **args}  # type: ignore[arg-type]
    # an argument given in both languages (`expected_vi`, `expected_en`) is shown in the chosen one
    filled.update({k.removesuffix(f"_{lang}"): v for k, v in args.items() if k.endswith(f"_{lang}")})
    return _format(template, filled, where)


def _words(code: str, args: Mapping[str, object], lang: str | None, part: str) -> str:
    lang = "en" if (lang or _language) == "en" else "vi"
    return _fill(getattr(CATALOGUE[code], f"{lang}{part}"), args, lang, code)


def message(code: str, args: Mapping[str, object], lang: str | None = None) -> str:
    return _words(code, args, lang, "")


def hint(code: str, args: Mapping[str, object], lang: str | None = None) -> str:
    return _words(code, args, lang, "_hint")
