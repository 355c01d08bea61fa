"""Steps 3 and 4: address (region → province → commune, searchable) and activity
(registration category; craft category → branch → activity, searchable; years of practice;
diploma or attestation)."""

from __future__ import annotations

from app.i18n import current_language
from app.model.artisan import CATEGORIES
from ui.i18n import bind, t
from ui.pages.enrol.base import Step, line
from ui.widgets.combo import CodeCombo


class AddressStep(Step):
    title_id = "ui.enrol.step.address"
    fields = ("region_code", "province_code", "commune_code")

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.geo = session.ws.geo
        self.region = CodeCombo()
        self.province = CodeCombo()
        self.commune = CodeCombo()
        self.form.add("region_code", self.region)
        self.form.add("province_code", self.province)
        self.form.add("commune_code", self.commune)
        bind(self.commune.lineEdit(), placeholder="ui.enrol.commune_placeholder")
        self.region.codeChanged.connect(self._region_changed)
        self.province.codeChanged.connect(self._province_changed)
        self.commune.codeChanged.connect(self._commune_changed)
        self.retranslate()
        self.reset()

    def retranslate(self) -> None:
        lang = current_language()
        self.region.set_items([(r.code, r.label(lang)) for r in self.geo.regions])
        self._region_changed(self.region.code())

    def _region_changed(self, code) -> None:
        lang = current_language()
        provinces = self.geo.provinces_of(code) if code else []
        self.province.set_items([(p.code, p.label(lang)) for p in provinces])
        self._province_changed(self.province.code())

    def _province_changed(self, code) -> None:
        lang = current_language()
        region = self.region.code()
        if code:
            communes = self.geo.communes_of(code)
        elif region:
            communes = self.geo.communes_in_region(region)
        else:
            communes = []
        self.commune.set_items([(c.code, c.label(lang)) for c in communes])

    def _commune_changed(self, code) -> None:
        if code and not self.province.code():
            self.province.set_code(self.geo.commune(code).province, emit=False)

    def values(self) -> dict:
        return {
            "region_code": self.region.code(),
            "province_code": self.province.code(),
            "commune_code": self.commune.code() or self.commune.typed() or None,
        }

    def reset(self) -> None:
        super().reset()
        self.region.set_code(self.session.ws.profile.region_code)
        self.province.set_code(None)
        self.commune.set_code(None)


class ActivityStep(Step):
    title_id = "ui.enrol.step.activity"
    fields = (
        "category",
        "branch_code",
        "activity_code",
        "years_practice",
        "qualification_ref",
    )

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.nom = session.ws.nomenclature
        self.category = CodeCombo(searchable=False)
        self.craft = CodeCombo(searchable=False)
        self.branch = CodeCombo()
        self.activity = CodeCombo()
        f = self.form
        f.add("category", self.category)
        f.add("craft_category", self.craft, label="ui.enrol.craft_category")
        f.add("branch_code", self.branch)
        f.add("activity_code", self.activity)
        bind(self.activity.lineEdit(), placeholder="ui.enrol.activity_placeholder")
        f.add("years_practice", line(r"[0-9]{0,2}", ltr=True))
        f.add("qualification_ref", line(ltr=True))
        self.craft.codeChanged.connect(self._craft_changed)
        self.branch.codeChanged.connect(self._branch_changed)
        self.activity.codeChanged.connect(self._activity_changed)
        self.retranslate()

    def retranslate(self) -> None:
        lang = current_language()
        self.category.set_items([(c, t(f"category.{c}")) for c in CATEGORIES])
        self.craft.set_items([(c.code, c.label(lang)) for c in self.nom.categories])
        self._craft_changed(self.craft.code())

    def _craft_changed(self, code) -> None:
        lang = current_language()
        branches = self.nom.branches_of(code) if code else list(self.nom.branches)
        self.branch.set_items([(b.code, b.label(lang)) for b in branches])
        self._branch_changed(self.branch.code())

    def _branch_changed(self, code) -> None:
        lang = current_language()
        if code:
            activities = self.nom.activities_of(code)
        else:
            craft = self.craft.code()
            activities = [a for a in self.nom.activities if not craft or a.category == craft]
        self.activity.set_items([(a.code, a.label(lang)) for a in activities])

    def _activity_changed(self, code) -> None:
        if not code:
            return
        activity = self.nom.activity(code)
        if self.branch.code() != activity.branch:
            self.craft.set_code(activity.category, emit=False)
            self.branch.set_items(
                [
                    (b.code, b.label(current_language()))
                    for b in self.nom.branches_of(activity.category)
                ]
            )
            self.branch.set_code(activity.branch, emit=False)

    def values(self) -> dict:
        out = super().values()
        out.update(
            category=self.category.code(),
            branch_code=self.branch.code(),
            activity_code=self.activity.code() or self.activity.typed() or None,
        )
        return out

    def reset(self) -> None:
        super().reset()
        for combo in (self.category, self.craft, self.branch, self.activity):
            combo.set_code(None)
