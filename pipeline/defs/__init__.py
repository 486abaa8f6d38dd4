"""Thin Dagster definitions: one module per asset group; logic lives in the stage packages."""
