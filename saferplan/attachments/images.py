"""A photograph as saferplan keeps it: a JPEG or PNG read by Pillow (never trusted by its
name), refused when too large, too many pixels (a "decompression bomb": a small file that
opens into gigabytes) or not an image, then drawn again at most LONGEST_SIDE pixels across,
turned upright, without its metadata: a phone's photograph carries where it was taken
(EXIF GPS), which a public page must never give away."""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

PHOTO_MB = 5
MAX_PIXELS = 40_000_000  # a 40-megapixel camera's photograph, and no more
LONGEST_SIDE = 1200
# MPO: a JPEG with a second picture after it (many phones' cameras): its first is read.
FORMATS = {"JPEG", "MPO", "PNG"}


@dataclass(frozen=True)
class Photo:
    content: bytes
    content_type: str
    extension: str
    width: int
    height: int


def photo_from_upload(name: str, content: bytes) -> Photo:
    """The photograph, checked and drawn again; ValidationError naming the file otherwise."""
    if not content:
        raise ValidationError(_("%(name)s is empty.") % {"name": name})
    if len(content) > PHOTO_MB * 1024 * 1024:
        raise ValidationError(
            _("%(name)s is larger than %(mb)s MB.") % {"name": name, "mb": PHOTO_MB}
        )
    not_a_photo = _("%(name)s is not a JPEG or PNG photograph.") % {"name": name}
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(content))  # reads the header only
            if image.format not in FORMATS:
                raise ValidationError(
                    _(
                        "%(name)s is a %(format)s image: save it as a JPEG or PNG and choose it again."
                    )
                    % {"name": name, "format": image.format}
                )
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    _("%(name)s has more than %(pixels)s million pixels.")
                    % {"name": name, "pixels": MAX_PIXELS // 1_000_000}
                )
            _load_whole(image)
            upright: Image.Image = ImageOps.exif_transpose(image)
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
        ):
            if name.lower().endswith((".heic", ".heif")):  # an iPhone's own format
                raise ValidationError(
                    _("%(name)s is a HEIC photograph: save it as a JPEG and choose it again.")
                    % {"name": name}
                ) from None
            raise ValidationError(not_a_photo) from None
        except (OSError, SyntaxError, ValueError, KeyError, TypeError):  # cut short or damaged
            raise ValidationError(
                _("%(name)s could not be read as a photograph: it may be damaged.") % {"name": name}
            ) from None
    upright = _in_srgb(upright)
    upright.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    transparent = upright.mode in ("RGBA", "LA") or (
        upright.mode == "P" and "transparency" in upright.info
    )
    # Nothing of the file's own is written again: EXIF, XMP, comments, its colour profile.
    upright.info = (
        {"transparency": upright.info["transparency"]}
        if upright.mode == "P" and transparent
        else {}
    )
    out = io.BytesIO()
    if transparent:
        upright.save(out, format="PNG", optimize=True)
        return Photo(out.getvalue(), "image/png", "png", upright.width, upright.height)
    upright.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
    return Photo(out.getvalue(), "image/jpeg", "jpg", upright.width, upright.height)


def _in_srgb(image: Image.Image) -> Image.Image:
    """The image in sRGB, the colours a browser assumes for a file without a profile (a phone's
    Display P3 photograph would otherwise look washed out once its profile is dropped)."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        converted = ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(io.BytesIO(profile)),
            ImageCms.createProfile("sRGB"),
            outputMode="RGBA" if image.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError):  # a damaged profile: colours as they are
        return image
    return converted if converted is not None else image


def _load_whole(image) -> None:
    """Decode every pixel, failing on a file cut short: a library loaded beside saferplan
    (WeasyPrint's image handling) lets Pillow fill a truncated image with grey, which would
    publish half a photograph. Processes serve one request at a time (gunicorn's workers)."""
    allowed = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = allowed
