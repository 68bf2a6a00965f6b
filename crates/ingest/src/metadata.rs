//! Title, authors, outlet, dateline, publication date and sections.
