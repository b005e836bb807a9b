"""Helpers of the Script stage: boilerplate rules, normalization for the ear, sentence splitting."""
