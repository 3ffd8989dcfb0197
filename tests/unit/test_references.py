import re

from portal.services.references import REFERENCE_ALPHABET, new_reference


def test_references_are_readable_and_unambiguous():
    reference = new_reference("SCT")
    assert re.fullmatch(r"SCT-[A-Z0-9]{4}-[A-Z0-9]{4}", reference)
    assert not set(reference[4:].replace("-", "")) - set(REFERENCE_ALPHABET)
    assert not set("01OIL25SZB8") & set(REFERENCE_ALPHABET)


def test_references_do_not_follow_one_another():
    references = {new_reference("SCT") for _ in range(2000)}
    assert len(references) == 2000
