"""The memo side of the window: the editor, its preview, the block picker, export, versions and
the library actions."""
