"""sitrep.export"""
