/**
 * The Settings screen's sections, in order (issue 15). Each is one component
 * in its own file; a feature adds its settings with one line here.
 */
import type { ComponentType } from 'react';
import { AboutSection } from './AboutSection';
import { AccountsSection } from './AccountsSection';
import { AppearanceSection } from './AppearanceSection';
import { CacheSection } from './CacheSection';
import { DevicesSection } from './DevicesSection';
import { DownloadsSection } from './DownloadsSection';
import { NotificationsSection } from './NotificationsSection';
import { StartupSection } from './StartupSection';

/** A section of the Settings screen. */
export interface SettingsSection {
  /** Stable id (the anchor of its heading). */
  id: string;
  title: string;
  Component: ComponentType;
}

/** Every section, in the order shown. */
export const SETTINGS_SECTIONS: SettingsSection[] = [
  { id: 'appearance', title: 'Appearance', Component: AppearanceSection },
  { id: 'notifications', title: 'Notifications and privacy', Component: NotificationsSection },
  { id: 'devices', title: 'Devices', Component: DevicesSection },
  { id: 'downloads', title: 'Downloads', Component: DownloadsSection },
  { id: 'startup', title: 'Start at login', Component: StartupSection },
  { id: 'cache', title: 'Offline cache', Component: CacheSection },
  { id: 'accounts', title: 'Accounts', Component: AccountsSection },
  { id: 'about', title: 'About', Component: AboutSection },
];
