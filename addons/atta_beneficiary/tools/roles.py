"""The xml ids of Atta's roles, named once for code and tests (groups in each addon's security/groups.xml)."""

OFFICER = "atta_beneficiary.group_relations_officer"
MANAGER = "atta_beneficiary.group_manager"
RESEARCHER = "atta_research.group_social_researcher"
COMMITTEE_MEMBER = "atta_research.group_committee_member"
VOLUNTEER = "atta_research.group_volunteer"
FINANCE = "atta_distribution.group_finance_approver"
IMPROVEMENT_USER = "atta_survey.group_improvement_user"
