import { Route, Routes } from 'react-router';
import type { Me } from '../api/types.ts';
import { LibraryPage } from './LibraryPage.tsx';
import { DocumentPage } from './DocumentPage.tsx';
import { PublishVersionPage } from './PublishVersionPage.tsx';
import { NewDocumentPage } from './NewDocumentPage.tsx';

/** Bibliotek: /bibliotek, /bibliotek/nytt, /bibliotek/<id>(#anchor, ?version=n) and /bibliotek/<id>/ny-version. */
export function LibraryRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<LibraryPage me={me} />} />
      <Route path="nytt" element={<NewDocumentPage me={me} />} />
      <Route path=":documentId" element={<DocumentPage />} />
      <Route path=":documentId/ny-version" element={<PublishVersionPage me={me} />} />
    </Routes>
  );
}
