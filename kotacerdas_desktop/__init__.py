"""Kota Cerdas Desktop: offline facilitation of the smart city masterplan bimtek."""

__version__ = "0.1.0"
APP_NAME = "Kota Cerdas Desktop"
APP_ID = "KotaCerdas"
