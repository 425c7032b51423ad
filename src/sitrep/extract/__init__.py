"""sitrep.extract"""
