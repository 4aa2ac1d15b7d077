"""`linli triage [--tags elderly_alone,chronic] FILE`: screen need texts, one a line.

Prints one JSON object a line: {"text", "category", "priority", "crisis", "reasons"}.
Exit 2 with one line on stderr when the file cannot be read or is not text.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from linli.cases.triage import RAISING_TAGS, triage
from linli.community.choices import Tag
from linli.groupbuy.jielong import DecodeError, decode_text


class Command(BaseCommand):
    help = "Triage need texts (one a line) and print one JSON object a line."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="need texts, one a line; - reads standard input")
        parser.add_argument(
            "--tags",
            default="",
            help="household vulnerability tags, comma-separated (e.g. elderly_alone,chronic)",
        )

    def handle(self, *args, file, tags="", **options):
        tags = [t.strip() for t in tags.split(",") if t.strip()]
        unknown = [t for t in tags if t not in Tag.values]
        if unknown:
            raise CommandError(
                _("未知的标签：%(tags)s（可用：%(known)s）")
                % {"tags": ", ".join(unknown), "known": ", ".join(RAISING_TAGS)},
                returncode=2,
            )
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("无法读取文件 %(path)s：%(error)s") % {"path": file, "error": exc.strerror},
                returncode=2,
            ) from None
        try:
            text = decode_text(data)
        except DecodeError:
            raise CommandError(
                _("文件 %(path)s 不是文本（应为 UTF-8 或 GB18030 编码）") % {"path": file},
                returncode=2,
            ) from None
        for line in text.splitlines():
            line = line.strip()
            if not line:
                continue
            result = triage(line, tags)
            row = {
                "text": line,
                "category": result.category,
                "priority": f"P{result.priority}",
                "crisis": result.crisis,
                "reasons": [r.text for r in result.reasons],
            }
            self.stdout.write(json.dumps(row, ensure_ascii=False))
