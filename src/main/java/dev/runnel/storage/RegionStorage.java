package dev.runnel.storage;

/**
 * What one account and region keeps: its stream catalog and its account settings.
 *
 * @param catalog the region's streams
 * @param accountSettings the region's account settings
 */
public record RegionStorage(StreamCatalog catalog, AccountSettingsStore accountSettings) {}
