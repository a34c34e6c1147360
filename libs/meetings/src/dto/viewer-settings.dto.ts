import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { MEETING_FITS, type MeetingFit, type MeetingViewerSettings } from '@yakuba/contracts';

export class ViewerSettingsDto implements MeetingViewerSettings {
  @ApiProperty({ enum: MEETING_FITS, description: 'width: the page fills the width (default); page: the whole page is seen at once' })
  @IsIn(MEETING_FITS)
  fit: MeetingFit;
}
