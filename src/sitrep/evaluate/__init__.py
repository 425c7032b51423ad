"""sitrep.evaluate"""
