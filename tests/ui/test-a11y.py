#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Ruhu authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-a11y.py A11Y-APP
#
# Drives the client the way a screen-reader or keyboard user meets it:
# through the accessibility bus (AT-SPI). For each state of the window that
# a11y-app can show, every control on screen must have a name a screen
# reader can say and must take keyboard focus, and Tab must carry the focus
# through the window's main controls. Prints TAP.
#
# Runs with Debian's /usr/bin/python3 (PyGObject and Atspi), inside
# run-with-display's X server and D-Bus session.

import os
import re
import subprocess
import sys
import time

# The tests' G_DEBUG=fatal-warnings is for the client, not for this
# script's own libatspi, which warns when the client it watches exits:
# run again without it, and hand it on to the client.
if "G_DEBUG" in os.environ:
    env = dict(os.environ)
    env["RUHU_A11Y_APP_G_DEBUG"] = env.pop("G_DEBUG")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

# What a person operates: these need a name and keyboard focus.
CONTROL_ROLES = {
    Atspi.Role.PUSH_BUTTON,
    Atspi.Role.TOGGLE_BUTTON,
    Atspi.Role.CHECK_BOX,
    Atspi.Role.RADIO_BUTTON,
    Atspi.Role.ENTRY,
    Atspi.Role.TEXT,  # an entry row; kept only when editable
    Atspi.Role.PASSWORD_TEXT,
    Atspi.Role.COMBO_BOX,
    Atspi.Role.SPIN_BUTTON,
    Atspi.Role.SLIDER,
    Atspi.Role.LINK,
    Atspi.Role.MENU_ITEM,
}
if hasattr(Atspi.Role, "SWITCH"):
    CONTROL_ROLES.add(Atspi.Role.SWITCH)

TAB = 0xFF09  # the Tab keysym
results = []


def report(ok, description, diagnostics=()):
    results.append(ok)
    print(("ok" if ok else "not ok") + " %d %s" % (len(results), description))
    for line in diagnostics:
        print("# " + line)
    sys.stdout.flush()


def start_app(program, mode):
    env = dict(os.environ)
    if "RUHU_A11Y_APP_G_DEBUG" in env:
        env["G_DEBUG"] = env.pop("RUHU_A11Y_APP_G_DEBUG")
    app = subprocess.Popen([program, mode], stdout=subprocess.PIPE, text=True, env=env)
    line = app.stdout.readline()
    if line.strip() != "ready":
        app.kill()
        raise RuntimeError("%s %s did not start" % (program, mode))
    return app


def find_app_root(pid, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            child = desktop.get_child_at_index(i)
            try:
                if child is not None and child.get_process_id() == pid:
                    return child
            except GLib.Error:
                pass
        time.sleep(0.25)
    raise RuntimeError("the client never appeared on the accessibility bus")


def has_state(accessible, state):
    return accessible.get_state_set().contains(state)


def laid_out(accessible):
    """Whether the widget has a place in the window (GTK 4.8 does not keep
    SHOWING up to date; a hidden stack page has no size)."""
    component = accessible.get_component_iface()
    if component is None:
        return True
    extents = component.get_extents(Atspi.CoordType.WINDOW)
    return extents.width > 0 and extents.height > 0


def shown_controls(root):
    """Every control on screen, with a path of roles and names to find it."""
    found = []

    def walk(accessible, path):
        if accessible is None:
            return
        role = accessible.get_role()
        if role not in (Atspi.Role.APPLICATION, Atspi.Role.FRAME) and not laid_out(accessible):
            return
        here = "%s/%s[%s]" % (path, accessible.get_role_name(), accessible.get_name() or "")
        if role in CONTROL_ROLES and (role != Atspi.Role.TEXT or
                                      has_state(accessible, Atspi.StateType.EDITABLE)):
            found.append((accessible, here))
        for i in range(accessible.get_child_count()):
            walk(accessible.get_child_at_index(i), here)

    walk(root, "")
    return found


# GTK 4.8 falls back to the widget's type name when nothing names it.
TYPE_NAME = re.compile(r"^(Gtk|Adw|Ruhu)[A-Z][A-Za-z]*$")


def spoken_name(accessible):
    name = (accessible.get_name() or "").strip()
    if name and not TYPE_NAME.match(name):
        return name
    for relation in accessible.get_relation_set():
        if relation.get_relation_type() == Atspi.RelationType.LABELLED_BY:
            for i in range(relation.get_n_targets()):
                target = relation.get_target(i)
                name = (target.get_name() or "").strip() if target is not None else ""
                if name and not TYPE_NAME.match(name):
                    return name
    return ""


def badly_spoken(name):
    """A name a screen reader would read wrongly: a mnemonic's underscore
    read out, or the same words said twice."""
    words = name.split()
    half = len(words) // 2
    return "_" in name or (half > 0 and len(words) % 2 == 0 and words[:half] == words[half:])


def focusable_within(accessible):
    """A menu button's outer box stands for the button inside it."""
    if has_state(accessible, Atspi.StateType.FOCUSABLE):
        return True
    return any(focusable_within(accessible.get_child_at_index(i))
               for i in range(accessible.get_child_count()))


def check_names_and_focus(mode, controls):
    unnamed = [path for accessible, path in controls if not spoken_name(accessible)]
    report(not unnamed and len(controls) > 0,
           "%s: each of the %d controls on screen has an accessible name" % (mode, len(controls)),
           ["no name: " + path for path in unnamed])
    garbled = [path for accessible, path in controls
               if spoken_name(accessible) and badly_spoken(spoken_name(accessible))]
    report(not garbled,
           "%s: no name is said twice or with a mnemonic underscore" % mode,
           ["badly spoken: " + path for path in garbled])
    unfocusable = [path for accessible, path in controls
                   if has_state(accessible, Atspi.StateType.SENSITIVE)
                   and not focusable_within(accessible)]
    report(not unfocusable,
           "%s: every enabled control can take keyboard focus" % mode,
           ["not focusable: " + path for path in unfocusable])


def tab_through(app, presses):
    """Presses Tab as a keyboard user would; returns the widgets that had
    the focus on the way, as a11y-app reports them: (type, label)."""
    reached = []
    for _ in range(presses):
        Atspi.generate_keyboard_event(TAB, None, Atspi.KeySynthType.SYM)
        line = app.stdout.readline().rstrip("\n").split("\t")
        if len(line) == 3 and line[0] == "focus" and tuple(line[1:]) not in reached:
            reached.append(tuple(line[1:]))
    return reached


def check_tab_order(mode, app, wanted_types, presses):
    reached = tab_through(app, presses)
    types = {widget_type for widget_type, _ in reached}
    missing = [t for t in wanted_types if t not in types]
    report(len(reached) >= 5 and not missing,
           "%s: Tab moves the focus through %d distinct controls, %s included"
           % (mode, len(reached), ", ".join(wanted_types)),
           ["focus never reached a " + t for t in missing] +
           ["reached: %s[%s]" % widget for widget in reached])


def run_mode(program, mode, wanted_types, presses):
    app = start_app(program, mode)
    try:
        root = find_app_root(app.pid)
        controls = shown_controls(root)
        check_names_and_focus(mode, controls)
        check_tab_order(mode, app, wanted_types, presses)
    finally:
        app.terminate()
        try:
            app.wait(timeout=30)
        except subprocess.TimeoutExpired:
            app.kill()


def main():
    program = sys.argv[1]
    print("1..8")
    Atspi.init()
    run_mode(program, "setup", ["GtkText", "GtkButton"], 10)
    run_mode(program, "case", ["GtkText", "GtkListItemWidget", "GtkButton", "AdwComboRow",
                               "GtkSwitch", "GtkTextView"], 60)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
