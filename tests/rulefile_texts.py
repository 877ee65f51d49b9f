"""A small valid regional rule file used by the loader and evaluator tests."""

VALID_REGIONAL = """\
format: 1
kind: regional
region: testregion
name: Testregionens överenskommelse
extends: national
sources:
  - id: test_agreement
    kind: agreement
    title: Test agreement
agreements:
  - id: test2021
    title: Test agreement 2021
    source: test_agreement
    parties:
      - {name: Testregionen, principal: region}
      - {name: Testkommunerna, principal: kommun}
    validity:
      start: 2021-01-01
      end: 2023-12-31
      citation: {source: test_agreement, section: "1.6"}
      renewal:
        extension: {years: 2}
        notice: {months: 9}
        notice_action: termination
        times: each_time
        citation: {source: test_agreement, section: "1.6"}
scope:
  age: {min: 0, below: 21}
  legal_bases: [SoL, LVU]
  placement_forms: [familjehem, jourhem, hvb, sis]
  exclusions:
    - when: [{fact: placement_form, op: eq, value: sis}]
      reason: SiS placements are not covered
      citation: {source: test_agreement, section: "1.5"}
  citation: {source: test_agreement, section: "1.4"}
rules:
  - id: test.offer_within_four_weeks
    duty: health_examination.offer
    relation: tightens
    title: Offer a time within four weeks
    action: The vårdcentral offers a time within four weeks of initiation.
    trigger:
      event: health_examination_initiated
      when:
        - {fact: age, op: lt, value: 21}
    responsible: {principal: region, unit: vårdcentral, locus: placement_region}
    deadline: {offset: {weeks: 4}, anchor: event_date, statutory: false}
    cost_bearer: {principal: region, note: no fee}
    source: {source: test_agreement, section: "3.4.3.1", quote: inom 4 veckor}
  - id: test.follow_up_two_months
    duty: follow_up_after_placement.limit
    relation: restates
    title: Follow-up ends within two months
    action: Follow-up after the placement ends within two months.
    trigger:
      event: placement_ended
      when:
        - {fact: age, op: lt, value: 18}
        - {fact: legal_basis, op: eq, value: SoL}
    responsible: {principal: kommun, unit: socialtjänsten, locus: home_municipality}
    deadline: {offset: {months: 2}, anchor: event_date, statutory: true, meaning: limit}
    source: {source: test_agreement, section: "3.5.2", quote: inom två månader}
  - id: test.power_of_attorney
    duty: power_of_attorney
    title: Power of attorney
    action: Social services issue a power of attorney to the foster home.
    trigger:
      event: placement_started
      when:
        - {fact: legal_basis, op: eq, value: LVU}
        - {fact: age, op: lt, value: 18}
    responsible: {principal: kommun, unit: socialtjänsten, locus: home_municipality}
    deadline: {vague: i_samband_med, statutory: false}
    source: {source: test_agreement, section: "3.4.7"}
"""
