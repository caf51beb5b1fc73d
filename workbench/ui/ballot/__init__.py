"""A voter's ballot page in a participatory-budgeting vote (commissioning-cycle.md, section
6): the projects, their cost and description, ticked to approve; one ballot per voter link."""
