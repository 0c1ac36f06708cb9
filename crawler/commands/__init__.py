"""Project commands for the `scrapy` tool (COMMANDS_MODULE): they replace Scrapy's own of the same name."""
