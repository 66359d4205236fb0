"""The foreword's photograph of its signatory (issue 24, deliverable 1): a coordinator adds
it with its description; saferplan keeps it drawn again, upright, at most 1,200 pixels and
without the camera's metadata (a phone's GPS position); members see it on the plan, the
public on the published plan and in its PDF and Word, with its description as alt text;
anything not a photograph is refused by name and nothing is kept."""

import io
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageOps
from pypdf import PdfReader

from saferplan.attachments.models import Attachment
from saferplan.core.models import AuditEvent
from saferplan.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

PHOTO = Path(__file__).parent / "data" / "grace_hopper.jpg"  # SOURCES.md
ALT = "Commodore Grace Hopper in uniform, smiling"
GPS = {2: (51.0, 39.0, 0.0), 1: "N", 4: (0.0, 16.0, 0.0), 3: "W"}  # latitude, longitude


def photo_with_gps() -> bytes:
    """The real photograph, as a phone would send it: with where it was taken."""
    image = Image.open(PHOTO)
    exif = image.getexif()
    exif[0x8825] = GPS  # the GPS information block
    exif[0x010F] = "Phone maker"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    assert Image.open(io.BytesIO(out.getvalue())).getexif().get_ifd(0x8825)
    return out.getvalue()


@pytest.fixture
def plan(partnership):
    return PlanFactory(
        partnership=partnership,
        kind="strategic",
        title="Hertsmere Community Safety Partnership Plan 2023 - 2027",
        status="published",
        foreword="One of our key priorities is to ensure that people feel safe.",
        foreword_signatory="Cllr Jane Smith\nPortfolio Holder for Community Safety",
    )


def page_url(plan):
    return reverse("plans:foreword-photo", args=[plan.partnership.slug, plan.pk])


def upload(client, plan, content: bytes, *, name="portrait.jpg", alt=ALT):
    return client.post(page_url(plan), {"file": SimpleUploadedFile(name, content), "alt_text": alt})


def test_the_photograph_is_kept_without_its_metadata_and_shown_everywhere_with_its_alt_text(
    signed_in, coordinator, client, partnership, plan
):
    answer = upload(signed_in(coordinator), plan, photo_with_gps())
    assert answer.status_code == 302
    plan.refresh_from_db()
    photo = plan.foreword_photo
    assert plan.foreword_photo_alt == ALT
    kept = Image.open(io.BytesIO(photo.read()))
    assert kept.format == "JPEG"
    assert kept.size == (512, 600)  # under 1,200 pixels: not enlarged
    assert not kept.getexif()  # nothing of the camera's, the GPS position least of all
    assert photo.content_type == "image/jpeg"
    assert not photo.is_sensitive
    assert "portrait" not in photo.file.name  # stored under saferplan's own name
    assert AuditEvent.objects.filter(object_type="attachments.attachment").exists()
    assert AuditEvent.objects.filter(object_type="plans.plan", action="update").exists()

    # The members' plan page and the public page show it with its description.
    members = signed_in(coordinator).get(
        reverse("plans:overview", args=[partnership.slug, plan.pk])
    )
    assert f'alt="{ALT}"' in members.content.decode()
    client.logout()
    public_url = reverse("public:foreword-photo", args=[partnership.slug])
    html = client.get(reverse("public:plan", args=[partnership.slug])).content.decode()
    assert f'<img class="sp-signatory-photo" src="{public_url}" alt="{ALT}">' in html
    image = client.get(public_url)
    assert image["Content-Type"] == "image/jpeg"
    assert b"".join(image.streaming_content) == photo.read()

    pdf = client.get(reverse("public:plan-document", args=[partnership.slug, "pdf"])).content
    first_pages = PdfReader(io.BytesIO(pdf)).pages
    assert any(page.images for page in first_pages)  # drawn in the PDF
    word = docx.Document(
        io.BytesIO(
            client.get(reverse("public:plan-document", args=[partnership.slug, "docx"])).content
        )
    )
    assert f'descr="{ALT}"' in word.element.body.xml


def test_a_large_photograph_is_made_smaller_and_a_transparent_one_stays_png(
    signed_in, coordinator, plan
):
    big = io.BytesIO()
    Image.open(PHOTO).resize((2560, 3000)).save(big, format="JPEG")
    upload(signed_in(coordinator), plan, big.getvalue())
    plan.refresh_from_db()
    assert max(Image.open(io.BytesIO(plan.foreword_photo.read())).size) == 1200

    clear = io.BytesIO()
    Image.open(PHOTO).convert("RGBA").save(clear, format="PNG")
    upload(signed_in(coordinator), plan, clear.getvalue(), name="cut-out.png")
    plan.refresh_from_db()
    assert plan.foreword_photo.content_type == "image/png"
    assert Attachment.objects.count() == 1  # the photograph it replaced is gone


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("portrait.jpg", b"", "The file chosen is empty"),
        ("portrait.jpg", b"%PDF-1.7 not a photograph", "portrait.jpg is not a JPEG or PNG"),
        ("notes.csv", b"a,b\n1,2\n", "notes.csv is not a JPEG or PNG"),
        ("portrait.gif", b"GIF89a" + bytes(100), "portrait.gif is not a JPEG or PNG"),
        ("cut.jpg", PHOTO.read_bytes()[:5000], "cut.jpg could not be read"),
        ("huge.jpg", bytes(6 * 1024 * 1024), "huge.jpg is larger than 5 MB"),
    ],
)
def test_anything_but_a_photograph_is_refused_by_name_and_nothing_is_kept(
    signed_in, coordinator, plan, name, content, message
):
    answer = upload(signed_in(coordinator), plan, content, name=name)
    assert answer.status_code == 200
    assert message in answer.content.decode()
    assert Attachment.objects.count() == 0
    plan.refresh_from_db()
    assert plan.foreword_photo is None


def test_a_decompression_bomb_is_refused_before_it_is_drawn(signed_in, coordinator, plan):
    """A small PNG that says it is 30,000 × 30,000 pixels (900 million: gigabytes drawn)."""
    bomb = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(bomb, format="PNG")
    assert len(bomb.getvalue()) < 1024 * 1024
    answer = upload(signed_in(coordinator), plan, bomb.getvalue(), name="bomb.png")
    assert "bomb.png" in answer.content.decode()
    assert Attachment.objects.count() == 0


def test_the_photograph_needs_its_description(signed_in, coordinator, plan):
    answer = upload(signed_in(coordinator), plan, PHOTO.read_bytes(), alt="")
    assert "Describe the photograph for people who cannot see it" in answer.content.decode()
    assert Attachment.objects.count() == 0


def test_removing_it_deletes_the_file(
    signed_in, coordinator, client, partnership, plan, django_capture_on_commit_callbacks
):
    client_c = signed_in(coordinator)
    upload(client_c, plan, PHOTO.read_bytes())
    plan.refresh_from_db()
    stored, storage = plan.foreword_photo.file.name, plan.foreword_photo.file.storage
    assert storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        client_c.post(reverse("plans:foreword-photo-remove", args=[partnership.slug, plan.pk]))
    plan.refresh_from_db()
    assert plan.foreword_photo is None
    assert plan.foreword_photo_alt == ""
    assert not storage.exists(stored)
    client.logout()
    assert client.get(reverse("public:foreword-photo", args=[partnership.slug])).status_code == 404


def test_only_coordinators_change_it_and_the_public_sees_it_only_when_published(
    signed_in, coordinator, viewer, client, partnership, plan
):
    upload(signed_in(coordinator), plan, PHOTO.read_bytes())
    assert upload(signed_in(viewer), plan, PHOTO.read_bytes()).status_code == 403
    image = reverse("plans:foreword-photo-file", args=[partnership.slug, plan.pk])
    assert signed_in(viewer).get(image).status_code == 200  # members see it
    client.logout()
    assert client.get(image).status_code == 302  # to sign in
    public = reverse("public:foreword-photo", args=[partnership.slug])
    assert client.get(public).status_code == 200
    plan.status = "draft"
    plan.save()
    assert client.get(public).status_code == 404  # nothing published: nothing shown


def test_nothing_of_the_file_is_written_again_comments_and_colour_profile_included(
    signed_in, coordinator, plan
):
    """A JPEG comment (an editor's note) and an XMP block survive nothing; a photograph with
    a colour profile is turned into sRGB, the colours a browser assumes without one."""
    from PIL import ImageCms

    source = io.BytesIO()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.open(PHOTO).save(
        source,
        format="JPEG",
        comment=b"Taken at 12 Acacia Avenue",
        xmp=b"<x:xmpmeta>where</x:xmpmeta>",
        icc_profile=srgb,
    )
    upload(signed_in(coordinator), plan, source.getvalue())
    plan.refresh_from_db()
    content = plan.foreword_photo.read()
    kept = Image.open(io.BytesIO(content))
    assert b"Acacia" not in content
    assert b"xmpmeta" not in content
    assert not {"comment", "xmp", "exif", "icc_profile"} & set(kept.info)


def test_a_phones_jpeg_with_a_second_picture_is_read(signed_in, coordinator, plan):
    """Many phones write MPO: a JPEG with another picture after it. Its first is kept."""
    source = io.BytesIO()
    first = Image.open(PHOTO)
    first.save(source, format="MPO", save_all=True, append_images=[first.resize((64, 75))])
    assert Image.open(io.BytesIO(source.getvalue())).format == "MPO"
    answer = upload(signed_in(coordinator), plan, source.getvalue(), name="phone.jpg")
    assert answer.status_code == 302
    plan.refresh_from_db()
    assert Image.open(io.BytesIO(plan.foreword_photo.read())).size == (512, 600)


def test_a_heic_or_webp_photograph_is_asked_for_as_a_jpeg(signed_in, coordinator, plan):
    webp = io.BytesIO()
    Image.open(PHOTO).save(webp, format="WEBP")
    answer = upload(signed_in(coordinator), plan, webp.getvalue(), name="photo.webp")
    assert "photo.webp is a WEBP image: save it as a JPEG or PNG" in answer.content.decode()
    answer = upload(signed_in(coordinator), plan, b"\x00\x00\x00\x18ftypheic", name="IMG_1.HEIC")
    assert "IMG_1.HEIC is a HEIC photograph: save it as a JPEG" in answer.content.decode()


def test_replacing_it_deletes_the_old_file_and_the_public_always_gets_the_current_one(
    signed_in, coordinator, client, partnership, plan, django_capture_on_commit_callbacks
):
    coordinator_client = signed_in(coordinator)
    upload(coordinator_client, plan, PHOTO.read_bytes())
    plan.refresh_from_db()
    first = plan.foreword_photo
    client.logout()
    public = reverse("public:foreword-photo", args=[partnership.slug])
    answer = client.get(public)
    assert answer["Cache-Control"] == "public, no-cache"  # asked again: never an old photo
    assert answer["ETag"] == f'"{first.sha256}"'
    assert client.get(public, HTTP_IF_NONE_MATCH=answer["ETag"]).status_code == 304

    flipped = io.BytesIO()
    ImageOps.mirror(Image.open(PHOTO)).save(flipped, format="JPEG")
    with django_capture_on_commit_callbacks(execute=True):
        upload(signed_in(coordinator), plan, flipped.getvalue())
    assert not first.file.storage.exists(first.file.name)
    assert client.get(public, HTTP_IF_NONE_MATCH=answer["ETag"]).status_code == 200


def test_a_hidden_foreword_or_a_missing_file_shows_no_photograph(
    signed_in, coordinator, client, partnership, plan
):
    from saferplan.public.models import PublishedLayout

    upload(signed_in(coordinator), plan, PHOTO.read_bytes())
    plan.refresh_from_db()
    client.logout()
    public = reverse("public:foreword-photo", args=[partnership.slug])
    PublishedLayout.objects.create(partnership=partnership, hidden=["foreword"])
    assert client.get(public).status_code == 404
    PublishedLayout.objects.all().delete()
    # The file lost (a folder not restored with the database): the plan still comes out.
    plan.foreword_photo.file.storage.delete(plan.foreword_photo.file.name)
    assert client.get(public).status_code == 404
    for kind in ("pdf", "docx"):
        document = reverse("public:plan-document", args=[partnership.slug, kind])
        assert client.get(document).status_code == 200


def test_deleting_the_plan_deletes_its_photograph(
    signed_in, coordinator, plan, django_capture_on_commit_callbacks
):
    upload(signed_in(coordinator), plan, PHOTO.read_bytes())
    plan.refresh_from_db()
    stored, storage = plan.foreword_photo.file.name, plan.foreword_photo.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        plan.delete()
    assert Attachment.objects.count() == 0
    assert not storage.exists(stored)


def test_another_partnership_never_gets_the_photograph(
    signed_in, member_of, other_partnership, partnership, plan, coordinator
):
    upload(signed_in(coordinator), plan, PHOTO.read_bytes())
    stranger = member_of("coordinator", other_partnership)
    client = signed_in(stranger)
    image = reverse("plans:foreword-photo-file", args=[partnership.slug, plan.pk])
    assert client.get(image).status_code in (403, 404)
    assert upload(client, plan, PHOTO.read_bytes()).status_code in (403, 404)


def test_the_welsh_page_reads_the_photographs_welsh_description(
    signed_in, coordinator, client, partnership, plan
):
    from django.utils import translation

    from saferplan.public.tests.test_welsh_content import write

    coordinator_client = signed_in(coordinator)
    upload(coordinator_client, plan, PHOTO.read_bytes())
    welsh = "Y Comodor Grace Hopper mewn lifrai, yn gwenu"
    assert write(coordinator_client, partnership, **{ALT: welsh}).status_code == 302
    client.logout()
    with translation.override("cy"):
        address = reverse("public:plan", args=[partnership.slug])
    html = client.get(address).content.decode()
    assert f'alt="{welsh}">' in html
