"""Where prescription photos live: under MEDIA_ROOT/private, never at a public URL.

They are health data. A page serves each one only after checking who asks
(views_medicine.prescription), and the file names are random, so even a web
server misconfigured to publish MEDIA_ROOT gives nothing to guess.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    return FileSystemStorage(
        location=Path(settings.MEDIA_ROOT) / "private", base_url="/no-public-url/"
    )


def prescription_path(instance, filename) -> str:
    suffix = Path(filename).suffix.lower()[:8]
    return f"prescriptions/{uuid.uuid4().hex}{suffix}"
