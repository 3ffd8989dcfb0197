"""Pages respect what people have set their device to do: less motion, and their own
colours (as in Windows contrast themes), where box shadows and chosen colours vanish."""

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import Case

from .pages import answer_as_parent_for_child, reference, secret_words
from .test_tracker_journey import ARRIVES, answer_stage_1, sign_in_to_tracker

PAGES = ["/", "/young/7-11", "/young/7-11/sort-it/feeling", "/complaint/who", "/track"]

#: Elements that would move: an animation or a transition that takes any time.
MOVING = """() => [...document.querySelectorAll('*')].filter(element => {
    const style = getComputedStyle(element);
    return [style.animationDuration, style.transitionDuration]
        .join(',').split(',').some(duration => parseFloat(duration) > 0);
}).map(element => element.outerHTML.slice(0, 80))"""

#: Whether the focus shows once the browser has forced its own colours. (A radio or a
#: checkbox shows it on the circle or box drawn before its label.)
FOCUS_IN_FORCED_COLOURS = """() => {
    const focused = document.activeElement;
    const style = focused.matches('.govuk-radios__input, .govuk-checkboxes__input')
        ? getComputedStyle(focused.labels[0], '::before') : getComputedStyle(focused);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
        && style.outlineColor !== 'rgba(0, 0, 0, 0)';
}"""


@pytest.mark.parametrize("path", PAGES)
def test_nothing_moves_when_less_motion_is_asked_for(new_page, path):
    page = new_page(reduced_motion="reduce")
    page.goto(path)
    assert page.evaluate(MOVING) == []


@pytest.mark.parametrize("path", PAGES)
def test_focus_shows_in_forced_colours(new_page, path):
    page = new_page(forced_colors="active")
    page.goto(path)
    stops = page.locator("a[href], button, input:not([type=hidden]), textarea, select").count()
    for _ in range(stops):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break  # round every stop and out of the page (a radio group is one stop)
        name = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        assert page.evaluate(FOCUS_IN_FORCED_COLOURS), f"{path}: no focus shows on {name}"


def step_looks(page: Page) -> list[tuple[str, str]]:
    steps = page.get_by_role("list", name="Where things are").get_by_role("listitem")
    return [
        step.evaluate("step => [getComputedStyle(step).borderStyle, getComputedStyle(step)"
                      ".borderWidth, getComputedStyle(step).fontWeight].join(' ')")
        for step in steps.all()
    ]  # fmt: skip


def test_a_childs_steps_are_told_apart_without_colour(new_page, app):
    app.config["FROZEN_NOW"] = ARRIVES
    parent = new_page()
    answer_as_parent_for_child(parent)
    case_reference, words = reference(parent), secret_words(parent)
    with app.app_context():
        db.session.scalar(select(Case).filter_by(reference=case_reference)).child_led = True
        db.session.commit()
    answer_stage_1(app, case_reference)

    child = new_page(forced_colors="active")
    sign_in_to_tracker(child, case_reference, words)
    steps = child.get_by_role("list", name="Where things are").get_by_role("listitem")
    expect(steps.nth(0)).to_contain_text("(done)")
    expect(steps.nth(2)).to_contain_text("(now)")
    done, _, now, to_come = step_looks(child)
    assert len({done, now, to_come}) == 3, (done, now, to_come)
