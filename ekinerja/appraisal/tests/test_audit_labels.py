"""Appraisal's audit formatters render the values their events stored."""

from __future__ import annotations

from ekinerja.appraisal import audit_labels


def test_old_rule_set_koefisien_event_is_labelled_by_jenjang():
    # aturan_penilaian.update events written before koefisienId left the rule set
    # carry {jenjang: koefisienId}; their formatter named a label table that no
    # longer exists, so reading such an event failed with an ImportError.
    text = audit_labels._siasn_koefisien({"ahli_muda": "12", "ahli_madya": ""})
    assert text == "Ahli Muda: 12; Ahli Madya: —"
