import { signInToDemo, DEMO } from './demo-sign-in';
import { expect, test } from './web-host-fixture';

test('Try the demo signs in through the browser and shows the courses', async ({ page, webHost }) => {
  await signInToDemo(page, webHost.url, DEMO.student);
  await expect(page.getByTestId('identity')).toContainText('student@example.edu');
  await page.screenshot({ path: 'test-results/screens/courses.png', fullPage: true });
});
