"""Application services: the operations the CLI and the window both call — card dictionaries,
exporting memos (PDF, Markdown), importing memo files, building and checking the reference DB —
over the parts a ``desktop.app.AppContext`` owns."""
