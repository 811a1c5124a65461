/** Components available in every lesson's MDX without an import. */
import AnnotatedExcerpt from './AnnotatedExcerpt.astro';
import ControlStep from './ControlStep.astro';
import Step from './Step.astro';
import TeacherNote from './TeacherNote.astro';
import Walkthrough from './Walkthrough.astro';

export const lessonComponents = { AnnotatedExcerpt, ControlStep, Step, TeacherNote, Walkthrough };
