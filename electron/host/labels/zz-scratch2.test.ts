import { writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { zplToPng } from '../../../test/helpers/barcode-decode';
test('fb', async () => {
  const z = `^XA^CI28^PW800^LL400^LH0,0
^FO0,50^GB800,1,1^FS
^FO0,150^GB800,1,1^FS
^FO20,50^A0N,36,36^FDLeft ASCII 123^FS
^FO20,50^A0N,36,36^FB760,1,0,R,0^FDRight FB^FS
^FO20,150^A0N,36,36^FB760,1,0,C,0^FDCenter FB^FS
^FO20,250^A0N,20,20^FB760,1,0,R,0^FD2024-05-01 14:03^FS
^XZ`;
  writeFileSync('/tmp/pd/fb.png', await zplToPng(z, 100, 50, 8));
});
