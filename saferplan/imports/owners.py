"""Matching an owner as a plan writes it ("Hertsmere SNT Sgt Vaughan", "CST/SNT",
"Hertsmere, Three Rivers and Watford Community Safety Partnership") to the partnership's
organisations, groups, partner partnerships and a named person. The text itself is always
kept as written."""

import re
from dataclasses import dataclass, field

# Police ranks and titles that start a named person: "Sgt Vaughan", "DI Macbeth".
PERSON = re.compile(
    r"\b(?:Sgt|Sergeant|Insp|Inspector|Ch\.? ?Insp|Chief Inspector|DI|DS|DC|PC|PCSO|Supt|Superintendent|Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-zA-Z'\-]+(?:\s+[A-Z][a-zA-Z'\-]+)?"
)
SEPARATORS = re.compile(r"\s*(?:/|&|\+|,|;|\band\b|–|-)\s*", re.I)
FILLER = {"the", "team", "teams", "of", "for", "all", "partners", "partnership"}
CSP = re.compile(r"\bcommunity safety partnership\b|\bCSPs?\b|\btri-csp\b", re.I)


@dataclass
class OwnerMatch:
    organisations: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    joint_partnerships: list = field(default_factory=list)
    person: str = ""
    own_partnership: bool = False  # "Hertsmere CSP": the partnership as a whole
    unmatched: str = ""  # words nothing matched

    @property
    def matched(self) -> bool:
        return bool(
            self.organisations
            or self.groups
            or self.joint_partnerships
            or self.person
            or self.own_partnership
        )


class OwnerMatcher:
    """Built once per import from the partnership's organisations and groups (with their
    abbreviations and aliases) and the installation's partnerships."""

    def __init__(self, *, partnership, organisations, groups, partnerships):
        self.partnership = partnership
        self.names: list[tuple[str, str, object]] = []
        for organisation in organisations:
            for name in [organisation.name, organisation.abbreviation, *organisation.aliases]:
                if name and len(name) >= 2:
                    self.names.append((name, "organisation", organisation))
        for group in groups:
            for name in [group.name, group.abbreviation, *group.aliases]:
                if name and len(name) >= 3:
                    self.names.append((name, "group", group))
        # Longest first, so "Hertsmere SNT" wins over "SNT".
        self.names.sort(key=lambda item: len(item[0]), reverse=True)
        self.partnerships = list(partnerships)

    def match(self, text: str) -> OwnerMatch:
        result = OwnerMatch()
        remaining = f" {text} "
        if CSP.search(text):
            named = [p for p in self.partnerships if self._names(p, text)]
            for partnership in named:
                if partnership.pk == self.partnership.pk:
                    result.own_partnership = True
                else:
                    result.joint_partnerships.append(partnership)
            if named:
                remaining = CSP.sub(" ", remaining)
                for partnership in named:
                    for name in self._district_names(partnership):
                        remaining = re.sub(rf"\b{re.escape(name)}\b", " ", remaining, flags=re.I)
        person = PERSON.search(remaining)
        if person:
            result.person = person.group(0).strip()
            remaining = remaining.replace(person.group(0), " ")
        for name, kind, item in self.names:
            pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.I)
            if pattern.search(remaining):
                remaining = pattern.sub(" ", remaining)
                bucket = result.organisations if kind == "organisation" else result.groups
                if item not in bucket:
                    bucket.append(item)
        words = [w for w in SEPARATORS.split(remaining) if w.strip()]
        leftover = " ".join(w.strip() for w in words if w.strip().lower() not in FILLER)
        result.unmatched = leftover.strip()
        return result

    @staticmethod
    def _district_names(partnership) -> list[str]:
        return list(partnership.districts or []) or [partnership.name.split(" Community Safety")[0]]

    def _names(self, partnership, text: str) -> bool:
        """Does the text name this partnership (by its district), as a CSP owner?"""
        return any(
            re.search(rf"\b{re.escape(name)}\b", text, re.I)
            for name in self._district_names(partnership)
        )
