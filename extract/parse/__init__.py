"""The only code that knows the dump's Markdown dialect: `parse_article` returns an immutable `Article`."""

from extract.parse.blocks import NotAnArticle, page_title_from_path, parse_article
from extract.parse.model import Article, Block, Cell, Link, ListItem, Paragraph, Table, Text, Title

__all__ = ["Article", "Block", "Cell", "Link", "ListItem", "NotAnArticle", "Paragraph", "Table", "Text",
           "Title", "page_title_from_path", "parse_article"]
