"""Issue 4 §7: every rule id the domain code cites (R-xx, C-xx, CH-xx, P-xx) is named by a test.

A rule id in a code comment of ``discharge/`` claims the code implements it; a test whose name
carries the id (``test_r03_…``, ``test_p_nat_1_…``, ``test_ch06_…``) shows it is exercised.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
RULE = re.compile(r"\b((?:R|C|CH)-\d{2}|P-(?:GEN|NAT|STO|ORE|BLE)(?:-[0-9X]+)?)\b")


def cited_in_code() -> set[str]:
    ids: set[str] = set()
    for path in (ROOT / "discharge").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "#" in line:
                ids.update(RULE.findall(line.split("#", 1)[1]))
    return ids


def names_of_tests() -> list[list[str]]:
    names = []
    for path in (ROOT / "tests").rglob("test_*.py"):
        names += [name.split("_")[1:] for name in re.findall(r"def (test_\w+)", path.read_text(encoding="utf-8"))]
    return names


def named_by_a_test(rule: str, names: list[list[str]]) -> bool:
    compact = rule.lower().replace("-", "")
    for tokens in names:
        for start in range(len(tokens)):
            joined = ""
            for token in tokens[start:]:
                joined += token
                if joined == compact:
                    return True
                if not compact.startswith(joined):
                    break
    return False


def test_the_citation_check_recognises_the_naming_forms() -> None:
    names = [["r03", "sto", "ack"], ["p", "nat", "1", "free", "days"], ["ch06", "guardian"]]
    assert named_by_a_test("R-03", names)
    assert named_by_a_test("P-NAT-1", names)
    assert named_by_a_test("CH-06", names)
    assert not named_by_a_test("R-30", names)
    assert not named_by_a_test("P-NAT-12", names)


def test_every_rule_id_cited_in_the_domain_code_is_named_by_a_test() -> None:
    names = names_of_tests()
    cited = cited_in_code()
    assert len(cited) > 40  # the domain code cites its rules
    missing = sorted(rule for rule in cited if not named_by_a_test(rule, names))
    assert missing == []
