"""The command line's own words (help, summaries, notices) in Vietnamese, the default, and English.

Typer reads help texts when it builds the commands, before any option is parsed, so the language
of the help is settled at start-up from `--lang` in argv or BCNGV_LANG (`startup_language`);
summaries and notices follow `messages.language()` when they are printed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from bcngv import messages

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
        "Ngày chốt số liệu và ngày ký báo cáo (bỏ qua hồ sơ sau ngày này).",
        "The cut-off date, also the report's date (records after it are left out).",
    ),
    "opt.out": ("Thư mục ghi báo cáo.", "The folder the report is written to."),
    "opt.number": ("Số văn bản (để trống cho văn thư).", "The document number (left blank for the clerk)."),
    "opt.pdf": ("Ghi thêm tệp PDF bằng LibreOffice.", "Also write a PDF through LibreOffice."),
    # commands
    "build": (
        "Lập một báo cáo .docx cho một kỳ (và tệp PDF với --pdf).\n\n"
        "Không ghi được tệp, hoặc thiếu LibreOffice cho --pdf (tệp .docx vẫn được ghi): mã thoát 2.",
        "Build one .docx report for a period (and a PDF with --pdf).\n\n"
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
        "Tạo một kho hồ sơ mới: bcngv.yaml, danh mục, mẫu báo cáo, hồ sơ ví dụ, CI và hướng dẫn.",
        "Create a new records repository: bcngv.yaml, catalog, report templates, an example record, CI and a guide.",
    ),
    "init.dir": ("Thư mục của kho mới (chưa có hoặc đang trống).", "The new repository's folder (missing or empty)."),
    "init.done": (
        "Đã tạo kho hồ sơ ở {folder} ({files} tệp). Tiếp theo: sửa bcngv.yaml, rồi chạy `bcngv check` trong thư mục đó.",
        "Created a records repository in {folder} ({files} files). Next: edit bcngv.yaml, then run `bcngv check` there.",
    ),
    # notices
    "bad-date": (
        "{option}: '{value}' không phải ngày dạng NĂM-THÁNG-NGÀY (ví dụ 2022-07-29)",
        "{option}: '{value}' is not a date written YEAR-MONTH-DAY (e.g. 2022-07-29)",
    ),
    "bad-format": ("--format: '{value}' không hợp lệ; chọn một trong {choices}", "--format: '{value}' is not valid; choose one of {choices}"),
    # table headings
    "explain.headings": ("Số liệu|Giá trị|Cách tính|Hồ sơ", "Figure|Value|Query|Records"),
    "stats.headings": ("Loại hồ sơ|Cộng", "Record kind|Total"),
    # the console: steps and summaries
    "step.load": ("Đọc hồ sơ", "Reading records"),
    "step.check": ("Kiểm tra", "Checking"),
    "step.render": ("Dựng báo cáo", "Rendering"),
    "step.write": ("Ghi tệp", "Writing"),
    "seconds": ("{value} giây", "{value} s"),
    "summary.built": (
        "Đã lập {output}: {records} hồ sơ, {figures} số liệu, {warnings} cảnh báo ({seconds}).",
        "Wrote {output}: {records} records, {figures} figures, {warnings} warnings ({seconds}).",
    ),
    "summary.failed": (
        "Chưa lập được báo cáo: {errors} lỗi, {warnings} cảnh báo trong {records} hồ sơ ({seconds}). Sửa các lỗi trên rồi chạy lại.",
        "No report written: {errors} errors, {warnings} warnings in {records} records ({seconds}). Fix the problems above and run again.",
    ),
}


def startup_language(argv: Sequence[str]) -> str | None:
    """The value of `--lang` on the command line (`--lang en` or `--lang=en`), else BCNGV_LANG."""
    for index, word in enumerate(argv):
        if word.startswith("--lang="):
            return word.removeprefix("--lang=")
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return os.environ.get("BCNGV_LANG")


def text(key: str, **args: object) -> str:
    vi, en = TEXTS[key]
    chosen = en if messages.language() == "en" else vi
    return chosen.format(**args) if args else chosen


def seconds(value: float) -> str:
    """`0,8 giây` / `0.8 s`: a duration as the reader writes decimals."""
    shown = f"{value:.1f}"
    return text("seconds", value=shown.replace(".", ",") if messages.language() == "vi" else shown)
