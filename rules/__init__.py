"""lintainer's built-in rules: one module per rule, its docstring the rule's documentation."""
