/**
 * Where the user is: the welcome/accounts screen, an account's courses, a
 * course's assessments, or one assessment.
 */
import { create } from 'zustand';

/** A screen of the app. */
export type Route =
  | { name: 'home' }
  | { name: 'courses'; accountId: string }
  | { name: 'course'; accountId: string; course: string }
  | {
      name: 'assessment';
      accountId: string;
      course: string;
      assessment: string;
      /** Open this version's feedback on arrival (a clicked notification); `at` makes each click count. */
      feedback?: { version: number; at: number };
    }
  | { name: 'activity' }
  | { name: 'roster'; accountId: string; course: string }
  | { name: 'scores'; accountId: string; course: string; assessment?: string };

/** Navigation state. */
export interface NavigationState {
  route: Route;
  go(route: Route): void;
}

/** The navigation store. */
export const useNavigation = create<NavigationState>((set) => ({
  route: { name: 'home' },
  go(route) {
    set({ route });
  },
}));
