"""Stages 2-3: event mentions from articles — detect → code → frame → normalize → decide (see mentions.py)."""
