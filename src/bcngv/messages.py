"""The message catalogue: every diagnostic code with its severity and its words, in Vietnamese
(the default: the office reads Vietnamese first) and English."""

from __future__ import annotations

import os
from dataclasses import dataclass

LANGUAGES = ("vi", "en")


@dataclass(frozen=True, slots=True)
class Entry:
    severity: str
    vi: str
    vi_hint: str
    en: str
    en_hint: str


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
        "lỗi cú pháp YAML: {problem}",
        "Kiểm tra dấu hai chấm, dấu ngoặc và thụt lề ở dòng này và dòng ngay trên.",
        "YAML syntax error: {problem}",
        "Check the colons, brackets and indentation on this line and the one above.",
    ),
    "tab-indent": Entry(
        E,
        "dòng được thụt lề bằng phím Tab",
        "YAML chỉ cho phép thụt lề bằng dấu cách; thay Tab bằng dấu cách.",
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
    "duplicate-record": Entry(
        W,
        "hoạt động này có vẻ đã được ghi ở {other} (cùng loại, cùng ngày, cùng nội dung)",
        "Nếu trùng, xóa một trong hai tệp; nếu là hai hoạt động khác nhau, ghi rõ điểm khác nhau trong 'text'.",
        "this activity seems to be recorded already in {other} (same kind, date and words)",
        "If it is the same, delete one of the files; if they are two activities, say how they differ in 'text'.",
    ),
    "no-such-path": Entry(
        E,
        "không có tệp hay thư mục '{value}'",
        "Kiểm tra lại đường dẫn; đường dẫn tương đối tính từ thư mục đang làm việc.",
        "there is no file or folder '{value}'",
        "Check the path; a relative path starts from the current folder.",
    ),
    "init-not-empty": Entry(
        E,
        "'{value}' đã có tệp; bcngv init chỉ tạo kho mới trong thư mục chưa có hoặc đang trống",
        "Chọn một thư mục mới, ví dụ `bcngv init bao-cao-ngoai-vu`; bcngv không ghi đè hồ sơ đã có.",
        "'{value}' already holds files; bcngv init only creates a repository in a missing or empty folder",
        "Choose a new folder, e.g. `bcngv init bao-cao-ngoai-vu`; bcngv never overwrites existing records.",
    ),
    # --- configuration (bcngv.yaml) -----------------------------------------------------------
    "config-missing": Entry(
        E,
        "không tìm thấy tệp cấu hình bcngv.yaml",
        "Chạy lệnh trong thư mục của kho hồ sơ, hoặc dùng `bcngv init` để tạo kho mới.",
        "the configuration file bcngv.yaml was not found",
        "Run the command inside the records repository, or create one with `bcngv init`.",
    ),
    "config-invalid": Entry(
        E,
        "cấu hình '{key}' không hợp lệ: {problem}",
        "Sửa khóa '{key}' trong bcngv.yaml.",
        "the setting '{key}' is not valid: {problem}",
        "Fix the key '{key}' in bcngv.yaml.",
    ),
    "unknown-report": Entry(
        E,
        "không có loại báo cáo '{value}'",
        "Các loại báo cáo trong bcngv.yaml: {choices}.",
        "there is no report kind '{value}'",
        "The report kinds in bcngv.yaml are: {choices}.",
    ),
    "no-default-report": Entry(
        E,
        "chưa có loại báo cáo mặc định cho kỳ {period}",
        "Chọn loại báo cáo bằng --report; các loại: {choices}.",
        "no report kind is the default for the period {period}",
        "Choose one with --report; the report kinds are: {choices}.",
    ),
    "unknown-signer": Entry(
        E,
        "không có người ký '{value}' trong mục signers",
        "Các người ký: {choices}.",
        "there is no signer '{value}' under signers",
        "The signers are: {choices}.",
    ),
    "template-missing": Entry(
        E,
        "không tìm thấy mẫu báo cáo '{value}'",
        "Đặt tệp mẫu vào thư mục templates/ hoặc sửa tên mẫu trong bcngv.yaml.",
        "the report template '{value}' was not found",
        "Put the template in templates/ or fix its name in bcngv.yaml.",
    ),
    "invalid-report-id": Entry(
        E,
        "tên báo cáo '{value}' không hợp lệ",
        "Tên báo cáo được dùng làm tên tệp kết quả: chỉ dùng chữ thường không dấu, chữ số, '-' và '_' "
        "(tối đa 64 ký tự), ví dụ thang hoặc kiem-diem.",
        "the report id '{value}' is not valid",
        "A report id becomes the output file's name: use only lowercase letters a-z, digits, '-' and '_' "
        "(at most 64), e.g. thang or kiem-diem.",
    ),
    "invalid-signer-id": Entry(
        E,
        "mã người ký '{value}' không hợp lệ",
        "Chỉ dùng chữ thường không dấu, chữ số, '-' và '_' (tối đa 64 ký tự), ví dụ pho_giam_doc.",
        "the signer id '{value}' is not valid",
        "Use only lowercase letters a-z, digits, '-' and '_' (at most 64), e.g. pho_giam_doc.",
    ),
    "invalid-template-name": Entry(
        E,
        "tên mẫu báo cáo '{value}' không hợp lệ",
        "Ghi tên tệp mẫu nằm trong thư mục templates/, ví dụ thang.md.j2: chữ không dấu, chữ số, '.', "
        "'-', '_' và '/' giữa các thư mục con; không dùng '..' hay đường dẫn bắt đầu bằng '/'.",
        "the report template name '{value}' is not valid",
        "Give the name of a template file inside templates/, e.g. thang.md.j2: letters a-z, digits, '.', "
        "'-', '_' and '/' between subfolders; no '..' and no path starting with '/'.",
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
    ),
    "libreoffice-missing": Entry(
        E,
        "không tìm thấy LibreOffice nên chưa tạo được tệp PDF; tệp .docx vẫn đã được ghi",
        "Cài LibreOffice (libreoffice.org) rồi chạy lại lệnh, hoặc mở tệp .docx bằng Word và chọn Lưu thành PDF.",
        "LibreOffice was not found, so no PDF was made; the .docx has been written all the same",
        "Install LibreOffice (libreoffice.org) and run the command again, "
        "or open the .docx in Word and save it as PDF.",
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
    ),
    # --- periods ------------------------------------------------------------------------------
    "invalid-period": Entry(
        E,
        "kỳ báo cáo '{value}' không đúng dạng",
        "Viết kỳ theo một trong các dạng: {forms} (tháng, quý, 6 tháng, 9 tháng đầu năm, năm, từ … đến …).",
        "the period '{value}' is not in a known form",
        "Write the period in one of these forms: {forms} (month, quarter, half year, first 9 months, year, from … to …).",
    ),
    "as-of-before-period": Entry(
        E,
        "ngày chốt số liệu {value} ở trước {period}",
        "Chọn --as-of là một ngày trong hoặc sau kỳ báo cáo, hoặc bỏ --as-of.",
        "the as-of date {value} comes before {period}",
        "Choose an --as-of date inside or after the period, or leave --as-of out.",
    ),
    "no-such-figure": Entry(
        E,
        "báo cáo {period} không có số liệu nào in là '{value}'",
        "Chạy lệnh explain không kèm chữ này để xem mọi số liệu của báo cáo.",
        "the report for {period} prints no figure as '{value}'",
        "Run explain without this text to see every figure of the report.",
    ),
}


_language = "vi"


def set_language(lang: str | None) -> None:
    """Choose the language of messages; None reads BCNGV_LANG, defaulting to Vietnamese."""
    global _language
    chosen = (lang or os.environ.get("BCNGV_LANG") or "vi").lower()[:2]
    _language = chosen if chosen in LANGUAGES else "vi"


def language() -> str:
    return _language


def severity(code: str) -> str:
    return CATALOGUE[code].severity


_DID_YOU_MEAN = {"vi": "Có phải là {close}? ", "en": "Did you mean {close}? "}


def _fill(template: str, args: dict[str, object], lang: str) -> str:
    # `close` (nearest valid spellings) becomes a "did you mean" sentence in the message's language
    close = args.get("close") or ()
    quoted = " / ".join(f"'{c}'" for c in close)  # type: ignore[union-attr]
    args = {"suggestion": _DID_YOU_MEAN[lang].format(close=quoted) if close else "", **args}
    # an argument given in both languages (`expected_vi`, `expected_en`) is shown in the chosen one
    args.update({k.removesuffix(f"_{lang}"): v for k, v in args.items() if k.endswith(f"_{lang}")})
    try:
        return template.format(**args)
    except (KeyError, IndexError):
        return template


def _words(code: str, args: dict[str, object], lang: str | None, part: str) -> str:
    lang = lang or _language
    return _fill(getattr(CATALOGUE[code], f"{'en' if lang == 'en' else 'vi'}{part}"), args, lang)


def message(code: str, args: dict[str, object], lang: str | None = None) -> str:
    return _words(code, args, lang, "")


def hint(code: str, args: dict[str, object], lang: str | None = None) -> str:
    return _words(code, args, lang, "_hint")
