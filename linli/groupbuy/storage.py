"""Where prescription photos live: under MEDIA_ROOT/private, never at a public URL.

They are health data. A page serves each one only after checking who asks
(views_medicine.prescription), and the file names are random, so even a web
server misconfigured to publish MEDIA_ROOT gives nothing to guess.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    # Read from settings when first used (and again when a test changes
    # MEDIA_ROOT), not fixed when the models load.
    @cached_property
    def base_location(self):
        return str(Path(settings.MEDIA_ROOT) / "private")


def private_storage():
    return PrivateStorage(base_url="/no-public-url/")


def prescription_path(instance, filename) -> str:
    suffix = Path(filename).suffix.lower()[:8]
    return f"prescriptions/{uuid.uuid4().hex}{suffix}"
