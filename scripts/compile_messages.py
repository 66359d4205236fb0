"""Compile gettext catalogues (.po) into the .mo files Django reads, with polib, so that no
GNU gettext is needed to build saferplan (translators keep using their usual tools on the
.po files).

Usage: python scripts/compile_messages.py [django.po …]; with no file, every catalogue of the
installed saferplan package (where Django reads them: the source tree for an editable install,
site-packages after `pip install .`)."""

import sys
from pathlib import Path

import polib


def compile_catalogue(po_path: Path) -> Path:
    catalogue = polib.pofile(str(po_path))
    mo_path = po_path.with_suffix(".mo")
    # Fuzzy entries are guesses a translator has not checked: Django would show them, gettext's
    # msgfmt leaves them out, and so does this.
    for entry in catalogue.fuzzy_entries():
        entry.msgstr = ""
        entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
    catalogue.save_as_mofile(str(mo_path))
    return mo_path


def installed_catalogues() -> list[Path]:
    import saferplan

    return sorted(Path(saferplan.__file__).parent.glob("locale/*/LC_MESSAGES/django.po"))


if __name__ == "__main__":
    for path in [Path(name) for name in sys.argv[1:]] or installed_catalogues():
        print(f"compiled {compile_catalogue(path)}")
