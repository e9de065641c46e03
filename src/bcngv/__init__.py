"""bcngv: báo cáo ngoại vụ, a report compiler for a provincial Department of Foreign Affairs."""

__version__ = "0.1.0"
